package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/** Exponential decay (PyTorch {@code ExponentialLR}): {@code η_t = lr · γ^t}. Spec: {@code exponential(lr, gamma)}. */
public record Exponential(double lr, double gamma) implements Schedule {
    @Override
    public double rate(long step) {
        return lr * Math.pow(gamma, step);
    }

    @Override
    public Spec spec() {
        return Spec.of("exponential").with("lr", lr).with("gamma", gamma);
    }
}
