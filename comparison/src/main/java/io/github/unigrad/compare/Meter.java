package io.github.unigrad.compare;

import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.loss.Losses;

/**
 * Measures the mean training loss of a model from its raw outputs (scores or values), for a host
 * that does not report a usable one: Tribuo's built-in objectives return log p (≤ 0) for
 * LogMulticlass, a score difference for Hinge and |d| − 0.5 for AbsoluteLoss, so the runner measures
 * every Tribuo run, built-in or ours, with the catalogue's definition of the loss it trains:
 * {@code scale × mean over examples of loss(outputs, targets)}.
 *
 * @param loss  the loss whose definition measures, e.g. {@code softmax_cross_entropy}
 * @param scale a constant factor (0.5 for Tribuo's SquaredLoss, Σ ½ d²)
 */
public record Meter(Loss loss, double scale) {

    public static Meter of(String spec) {
        return new Meter(Losses.parse(spec), 1.0);
    }

    /** The mean loss of {@code outputs} (rows × cols, row-major) against the table's targets. */
    public double mean(double[] outputs, int cols, Table truth) {
        int rows = truth.rows();
        LossBatch batch;
        if (truth.task() == Task.REGRESSION) {
            batch = LossBatch.of(rows, cols, outputs, truth.y().clone());
        } else if (loss.acceptsClassIndices()) {
            batch = LossBatch.of(rows, cols, outputs, truth.y().clone(), 1);
        } else {
            double[] oneHot = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                oneHot[i * cols + truth.label(i)] = 1.0;
            }
            batch = LossBatch.of(rows, cols, outputs, oneHot);
        }
        double[] values = new double[rows];
        loss.evaluate(batch, values, null);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return scale * sum / rows;
    }

    @Override
    public String toString() {
        return (scale == 1.0 ? "" : scale + " × ") + loss.spec();
    }
}
