package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Cosine decay with linear warm-up (Loshchilov and Hutter, "SGDR", ICLR 2017, without restarts;
 * Optax {@code warmup_cosine_decay_schedule}):
 * <pre>
 *   t &lt; warmup:  η_t = lr · (t+1) / warmup
 *   otherwise:   η_t = end + (lr - end) · (1 + cos(π · min(1, (t - warmup)/(steps - warmup)))) / 2
 * </pre>
 * Spec: {@code cosine(lr, steps, warmup=0, end=0)}.
 */
public record Cosine(double lr, long steps, long warmup, double end) implements Schedule {
    @Override
    public double rate(long step) {
        if (step < warmup) {
            return Warmup.ramp(lr, warmup, step);
        }
        return cosine(lr, end, Math.min(1.0, (double) (step - warmup) / (steps - warmup)));
    }

    /**
     * {@code end + (from - end)(1 + cos(π·progress))/2}, halving the bracket first so that no intermediate
     * overflows (the same bits otherwise: halving is exact).
     */
    static double cosine(double from, double end, double progress) {
        return end + (from - end) * ((1 + Math.cos(Math.PI * progress)) / 2);
    }

    @Override
    public Spec spec() {
        return Spec.of("cosine").with("lr", lr).with("steps", steps).with("warmup", warmup).with("end", end);
    }
}
