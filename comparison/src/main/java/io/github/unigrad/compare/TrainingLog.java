package io.github.unigrad.compare;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Collects a run's loss after every epoch and the time spent training (measurement excluded),
 * and stops the run when it diverges (see {@link Divergence}).
 */
public final class TrainingLog {
    private final double[] losses;
    private final IntConsumer onEpoch;
    private int epochs;
    private final double[] millis;
    private int divergedAt;

    /** @param onEpoch told the number of epochs done after each one (progress bar), may be null */
    public TrainingLog(int maxEpochs, IntConsumer onEpoch) {
        this.losses = new double[maxEpochs];
        this.millis = new double[maxEpochs];
        this.onEpoch = onEpoch;
    }

    /**
     * Records the loss at the end of an epoch that took {@code nanos} of training; returns false when the
     * run has diverged and must stop.
     */
    public boolean epochEnded(double loss, long nanos) {
        millis[epochs] = nanos / 1e6;
        losses[epochs++] = loss;
        if (onEpoch != null) {
            onEpoch.accept(epochs);
        }
        if (Divergence.isDiverged(loss, losses[0])) {
            divergedAt = epochs;
            return false;
        }
        return true;
    }

    public int epochs() {
        return epochs;
    }

    public double[] losses() {
        return Arrays.copyOf(losses, epochs);
    }

    /** The wall time of each epoch so far. */
    public EpochTimes times() {
        return new EpochTimes(Arrays.copyOf(millis, epochs));
    }

    public int divergedAt() {
        return divergedAt;
    }

    /** The run's result once training stopped. */
    public RunResult result(Metrics metrics, double[] parameters) {
        return new RunResult(losses(), divergedAt > 0 ? null : metrics, times(), parameters, divergedAt);
    }
}
