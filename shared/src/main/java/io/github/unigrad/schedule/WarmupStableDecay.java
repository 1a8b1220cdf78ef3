package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Warm-up–stable–decay (Hu et al., "MiniCPM", 2024; Hägele et al., "Scaling Laws and
 * Compute-Optimal Training Beyond Fixed Training Durations", 2024): linear warm-up over
 * {@code warmup} steps ({@code lr·(t+1)/warmup}), constant {@code lr}, then a linear cool-down to
 * {@code end} over the last {@code cooldown} steps of {@code steps}.
 * Spec: {@code wsd(lr, steps, warmup=0, cooldown=0, end=0)}.
 */
public record WarmupStableDecay(double lr, long steps, long warmup, long cooldown, double end) implements Schedule {
    @Override
    public double rate(long step) {
        if (step < warmup) {
            return Warmup.ramp(lr, warmup, step);
        }
        long start = steps - cooldown;
        if (step < start) {
            return lr;
        }
        double progress = Math.min(1.0, (double) (step - start + 1) / cooldown);
        return lr + (end - lr) * progress;
    }

    @Override
    public Spec spec() {
        return Spec.of("wsd").with("lr", lr).with("steps", steps).with("warmup", warmup).with("cooldown", cooldown)
                .with("end", end);
    }
}
