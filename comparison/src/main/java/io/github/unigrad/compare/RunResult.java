package io.github.unigrad.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One training run: the training loss at the end of every epoch, the test metric of the final
 * model, the wall time of every epoch, the final parameters (flat, for comparing twins) and, if
 * the loss blew up, the epoch at which the run was stopped.
 *
 * @param lossPerEpoch   mean training loss after each completed epoch
 * @param metrics        test-set metric of the final model; null if the run diverged or had no test data
 * @param times          wall time of each epoch (measurement of the loss excluded)
 * @param parameters     final parameters, flattened in a framework-fixed order
 * @param divergedAt     1-based epoch whose loss was not finite or exploded, or 0
 */
public record RunResult(double[] lossPerEpoch, Metrics metrics, EpochTimes times, double[] parameters,
                        int divergedAt) {

    public RunResult {
        lossPerEpoch = lossPerEpoch.clone();
        parameters = parameters.clone();
    }

    @Override
    public double[] lossPerEpoch() {
        return lossPerEpoch.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    public boolean diverged() {
        return divergedAt > 0;
    }

    public double finalLoss() {
        return lossPerEpoch.length == 0 ? Double.NaN : lossPerEpoch[lossPerEpoch.length - 1];
    }

    /** The median wall time of an epoch after the first, in ms (see {@link EpochTimes}). */
    public double msPerEpoch() {
        return times.median();
    }

    /** The largest absolute difference between two runs' final parameters (NaN if shapes differ). */
    public double maxParameterDifference(RunResult other) {
        if (parameters.length != other.parameters.length) {
            return Double.NaN;
        }
        double max = 0;
        for (int i = 0; i < parameters.length; i++) {
            max = Math.max(max, Math.abs(parameters[i] - other.parameters[i]));
        }
        return max;
    }

    @Override
    public String toString() {
        StringBuilder losses = new StringBuilder("[");
        for (int i = 0; i < lossPerEpoch.length; i++) {
            losses.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5g", lossPerEpoch[i]));
        }
        return "RunResult[lossPerEpoch=" + losses + "], metrics=" + (metrics == null ? "n/a" : metrics.describe())
                + ", ms/epoch=" + times.describe() + ", parameters=" + parameters.length + " values"
                + (diverged() ? ", diverged at epoch " + divergedAt : "") + "]";
    }

    /** Equal runs: same losses, metrics, times, parameters and divergence (arrays compared by content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof RunResult r && Arrays.equals(lossPerEpoch, r.lossPerEpoch) && Objects.equals(metrics, r.metrics)
                && times.equals(r.times) && Arrays.equals(parameters, r.parameters)
                && divergedAt == r.divergedAt;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lossPerEpoch) + Arrays.hashCode(parameters) + divergedAt;
    }
}
