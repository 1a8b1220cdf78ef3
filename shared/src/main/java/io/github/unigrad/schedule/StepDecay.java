package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Step decay (PyTorch {@code StepLR}): {@code η_t = lr · γ^⌊t / every⌋}.
 * Spec: {@code step(lr, every, gamma=0.1)}.
 */
public record StepDecay(double lr, long every, double gamma) implements Schedule {
    @Override
    public double rate(long step) {
        return lr * Math.pow(gamma, step / every);
    }

    @Override
    public Spec spec() {
        return Spec.of("step").with("lr", lr).with("every", every).with("gamma", gamma);
    }
}
