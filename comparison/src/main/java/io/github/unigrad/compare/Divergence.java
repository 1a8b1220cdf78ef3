package io.github.unigrad.compare;

/**
 * Decides that a run has diverged: its training loss is not finite, or it has grown past
 * {@value #FACTOR} times the largest of its first epoch's loss and 1. Such a run is stopped and flagged,
 * not reported as a result.
 */
public final class Divergence {
    static final double FACTOR = 1e3;

    private Divergence() {
    }

    /** True when {@code loss} after some epoch means the run blew up, given its first epoch's loss. */
    public static boolean isDiverged(double loss, double firstLoss) {
        if (!Double.isFinite(loss)) {
            return true;
        }
        double reference = Double.isFinite(firstLoss) ? Math.max(Math.abs(firstLoss), 1.0) : 1.0;
        return Math.abs(loss) > FACTOR * reference;
    }
}
