package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Cosine annealing with warm restarts (Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent
 * with Warm Restarts", ICLR 2017; PyTorch {@code CosineAnnealingWarmRestarts}): cycles of length
 * {@code period · mult^i}; within a cycle at position {@code s} of length {@code T},
 * {@code η_t = end + (lr - end)(1 + cos(π s / T))/2}.
 * Spec: {@code cosine_restarts(lr, period, mult=1, end=0)}.
 *
 * <p>Closed form, O(1) at any step (as PyTorch's): with {@code mult = 1} the position is
 * {@code t mod period}; otherwise cycle i starts at {@code S_i = period (mult^i - 1)/(mult - 1)}, so the
 * cycle of step t is {@code i = ⌊log(1 + t (mult - 1)/period) / log(mult)⌋}, corrected by comparing
 * t with {@code S_i} and {@code S_{i+1}} (the logarithm may round across a cycle start), and
 * {@code s = t - S_i}. {@code S_i} is exact for a whole {@code mult} while it is below 2^53
 * ({@code Math.pow} is exact on whole numbers there), so a step on a cycle start restarts exactly; for
 * other {@code mult} it is {@code period · expm1(i log1p(mult - 1))/(mult - 1)}, accurate to rounding.
 */
public record CosineRestarts(double lr, long period, double mult, double end) implements Schedule {
    /** The most the logarithm's cycle index is corrected by (it is off by one at most, but for cycle indices beyond 2^53). */
    private static final int CORRECTIONS = 4;

    @Override
    public double rate(long step) {
        if (mult == 1) {
            return Cosine.cosine(lr, end, (double) (step % period) / period);
        }
        double m1 = mult - 1;
        double u = (double) step / period;
        double x = u * m1;
        double log = Double.isInfinite(x) ? Math.log(u) + Math.log(m1) : Math.log1p(x);
        long i = (long) (log / Math.log1p(m1));
        for (int k = 0; k < CORRECTIONS && start(i + 1) <= step; k++) {
            i++;
        }
        for (int k = 0; k < CORRECTIONS && i > 0 && start(i) > step; k++) {
            i--;
        }
        double length = period * Math.pow(mult, i);
        double progress = Math.min(1.0, Math.max(0.0, (step - start(i)) / length));
        return Cosine.cosine(lr, end, progress);
    }

    /** The first step of cycle i, {@code S_i = period (mult^i - 1)/(mult - 1)} (see the class comment). */
    private double start(long i) {
        double m1 = mult - 1;
        double cycles = mult == Math.rint(mult) ? (Math.pow(mult, i) - 1) / m1 : Math.expm1(i * Math.log1p(m1)) / m1;
        return period * cycles;
    }

    @Override
    public Spec spec() {
        return Spec.of("cosine_restarts").with("lr", lr).with("period", period).with("mult", mult).with("end", end);
    }
}
