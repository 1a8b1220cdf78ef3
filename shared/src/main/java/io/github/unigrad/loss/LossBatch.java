package io.github.unigrad.loss;

import java.util.Arrays;

/**
 * One minibatch for a loss, in row-major double arrays: {@code rows} examples with {@code cols}
 * predictions each ({@code predictions[i*cols + j]}), their targets ({@code targetCols} per
 * example: usually {@code cols}, or 1 for class indices, or what the loss declares), an optional
 * weight per example ({@code exampleWeights[i] ≥ 0}; a 0/1 example mask is a weight), and an
 * optional mask per output ({@code outputMask[i*cols + j]}, same shape as the predictions, each value finite
 * and {@code ≥ 0}, as the weights: a NaN mask value is refused like a NaN weight).
 *
 * <p>The arrays are used as they are, not copied: a batch is a view for one call.
 */
public final class LossBatch {
    private final int rows;
    private final int cols;
    private final double[] predictions;
    private final double[] targets;
    private final int targetCols;
    private final double[] exampleWeights;
    private final double[] outputMask;
    private final int firstRow;

    private LossBatch(int rows, int cols, double[] predictions, double[] targets, int targetCols,
                      double[] exampleWeights, double[] outputMask, int firstRow) {
        if (rows < 0 || cols <= 0) {
            throw new IllegalArgumentException("a batch needs rows >= 0 and cols >= 1, got " + rows + " x " + cols);
        }
        requireLength("predictions", predictions, (long) rows * cols, rows + " x " + cols);
        if (targetCols <= 0) {
            throw new IllegalArgumentException("targets need at least one column, got " + targetCols);
        }
        requireLength("targets", targets, (long) rows * targetCols, rows + " x " + targetCols);
        if (exampleWeights != null) {
            requireLength("example weights", exampleWeights, rows, rows + " (one per example)");
            requireWeights(exampleWeights, 1, firstRow, "example weight ", "weights");
        }
        if (outputMask != null) {
            requireLength("output mask", outputMask, (long) rows * cols, rows + " x " + cols + " (the predictions' shape)");
            requireWeights(outputMask, cols, firstRow, "output mask of example ", "mask values");
        }
        this.rows = rows;
        this.cols = cols;
        this.predictions = predictions;
        this.targets = targets;
        this.targetCols = targetCols;
        this.exampleWeights = exampleWeights;
        this.outputMask = outputMask;
        this.firstRow = firstRow;
    }

    /**
     * Rejects a weight (or mask value) that is NaN, infinite or negative, naming its example (and output when
     * {@code cols > 1}). A branch-free min/max pass first; the culprit is looked for only when it fails.
     */
    private static void requireWeights(double[] w, int cols, int firstRow, String what, String plural) {
        double min = 0;
        double max = 0;
        for (double v : w) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == 0 && max < Double.POSITIVE_INFINITY) {
            return;
        }
        for (int k = 0; k < w.length; k++) {
            if (!(w[k] >= 0) || w[k] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(what + (firstRow + k / cols) + (cols > 1 ? ", output " + k % cols : "")
                        + " is " + w[k] + "; " + plural + " must be finite and >= 0");
            }
        }
    }

    private static void requireLength(String what, double[] a, long expected, String shape) {
        if (a == null) {
            throw new IllegalArgumentException(what + " are missing");
        }
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " have " + a.length + " values; expected " + expected + " (" + shape + ")");
        }
    }

    /** A batch whose targets have the predictions' shape. */
    public static LossBatch of(int rows, int cols, double[] predictions, double[] targets) {
        return new LossBatch(rows, cols, predictions, targets, cols, null, null, 0);
    }

    /** A batch with {@code targetCols} target values per example (1 for class indices). */
    public static LossBatch of(int rows, int cols, double[] predictions, double[] targets, int targetCols) {
        return new LossBatch(rows, cols, predictions, targets, targetCols, null, null, 0);
    }

    /** The same batch with a weight per example (null for none). */
    public LossBatch withExampleWeights(double[] weights) {
        return new LossBatch(rows, cols, predictions, targets, targetCols, weights, outputMask, firstRow);
    }

    /** The same batch with other targets of the same shape (a loss that rewrites its labels first). */
    public LossBatch withTargets(double[] newTargets) {
        return new LossBatch(rows, cols, predictions, newTargets, targetCols, exampleWeights, outputMask, firstRow);
    }

    /** The same batch with a mask per output (null for none). */
    public LossBatch withOutputMask(double[] mask) {
        return new LossBatch(rows, cols, predictions, targets, targetCols, exampleWeights, mask, firstRow);
    }

    /**
     * The same batch, as rows {@code firstRow, firstRow + 1, ...} of a larger minibatch that is
     * evaluated in blocks of rows: error messages then name examples by their index in that minibatch.
     */
    public LossBatch withFirstRow(int firstRow) {
        if (firstRow < 0) {
            throw new IllegalArgumentException("firstRow must be >= 0, got " + firstRow);
        }
        return new LossBatch(rows, cols, predictions, targets, targetCols, exampleWeights, outputMask, firstRow);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double[] predictions() {
        return predictions;
    }

    public double[] targets() {
        return targets;
    }

    public int targetCols() {
        return targetCols;
    }

    /** Weight of example {@code i}; 1 when the batch has no weights. */
    public double weight(int i) {
        return exampleWeights == null ? 1.0 : exampleWeights[i];
    }

    /** The weights, or null. */
    public double[] exampleWeights() {
        return exampleWeights;
    }

    /** The index of this batch's first example in the minibatch it was cut from (0 unless {@link #withFirstRow}); for messages. */
    public int firstRow() {
        return firstRow;
    }

    /** The per-output mask, or null. */
    public double[] outputMask() {
        return outputMask;
    }

    @Override
    public String toString() {
        return "LossBatch[" + rows + " x " + cols + ", targets " + rows + " x " + targetCols
                + (exampleWeights != null ? ", weights" : "") + (outputMask != null ? ", output mask" : "") + "]"
                + (rows <= 2 ? " " + Arrays.toString(predictions) : "");
    }
}
