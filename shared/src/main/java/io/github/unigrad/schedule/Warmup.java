package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Linear warm-up to a constant: {@code η_t = lr · min(1, (t+1)/steps)} (the first step already
 * moves, as the Schedule-Free reference's warm-up). Spec: {@code warmup(lr, steps)}.
 */
public record Warmup(double lr, long steps) implements Schedule {
    @Override
    public double rate(long step) {
        return step < steps ? ramp(lr, steps, step) : lr;
    }

    /** {@code lr · (step+1)/steps}. */
    static double ramp(double lr, long steps, long step) {
        return lr * (step + 1) / steps;
    }

    @Override
    public Spec spec() {
        return Spec.of("warmup").with("lr", lr).with("steps", steps);
    }
}
