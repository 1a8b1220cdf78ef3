package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Cosine annealing with warm restarts (Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent
 * with Warm Restarts", ICLR 2017; PyTorch {@code CosineAnnealingWarmRestarts}): cycles of length
 * {@code period · mult^i}; within a cycle at position {@code s} of length {@code T},
 * {@code η_t = end + (lr - end)(1 + cos(π s / T))/2}.
 * Spec: {@code cosine_restarts(lr, period, mult=1, end=0)}.
 */
public record CosineRestarts(double lr, long period, double mult, double end) implements Schedule {
    @Override
    public double at(long step) {
        double length = period;
        double s = step;
        while (s >= length) {
            s -= length;
            length *= mult;
        }
        return Cosine.cosine(lr, end, s / length);
    }

    @Override
    public Spec spec() {
        return Spec.of("cosine_restarts").with("lr", lr).with("period", period).with("mult", mult).with("end", end);
    }
}
