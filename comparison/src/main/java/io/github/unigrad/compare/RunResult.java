package io.github.unigrad.compare;

/**
 * One training run: the training loss at the end of every epoch, the test metric of the final
 * model, the mean wall time of an epoch, the final parameters (flat, for comparing twins) and, if
 * the loss blew up, the epoch at which the run was stopped.
 *
 * @param lossPerEpoch   mean training loss after each completed epoch
 * @param metrics        test-set metric of the final model; null if the run diverged
 * @param msPerEpoch     mean wall time of an epoch in milliseconds (measurement excluded)
 * @param parameters     final parameters, flattened in a framework-fixed order
 * @param divergedAt     1-based epoch whose loss was not finite or exploded, or 0
 */
public record RunResult(double[] lossPerEpoch, Metrics metrics, double msPerEpoch, double[] parameters,
                        int divergedAt) {

    public boolean diverged() {
        return divergedAt > 0;
    }

    public double finalLoss() {
        return lossPerEpoch.length == 0 ? Double.NaN : lossPerEpoch[lossPerEpoch.length - 1];
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
}
