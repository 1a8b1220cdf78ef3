package io.github.unigrad.compare.dl4j;

import io.github.unigrad.compare.data.Table;

/**
 * How a DL4J output layer sees a dataset's targets, and how its outputs are read back as predictions.
 */
public enum Targets {
    /** One column per class, 1 for the true class; the prediction is the largest output. */
    ONE_HOT,
    /** Binary: one column, 0 or 1; class 1 when the output is ≥ 0.5 (a probability). */
    ZERO_ONE,
    /** Binary: one column, -1 or +1 (hinge losses); class 1 when the output is ≥ 0 (a margin). */
    PLUS_MINUS_ONE,
    /** Regression: the value itself. */
    VALUE;

    /** Number of output columns for {@code table}. */
    public int columns(Table table) {
        return this == ONE_HOT ? table.outputs() : 1;
    }

    /** The label matrix of {@code table}, rows × {@link #columns}. */
    public double[][] encode(Table table) {
        double[][] out = new double[table.rows()][columns(table)];
        for (int i = 0; i < table.rows(); i++) {
            switch (this) {
                case ONE_HOT -> out[i][table.label(i)] = 1.0;
                case ZERO_ONE -> out[i][0] = table.label(i);
                case PLUS_MINUS_ONE -> out[i][0] = table.label(i) == 1 ? 1.0 : -1.0;
                case VALUE -> out[i][0] = table.y()[i];
            }
        }
        return out;
    }

    /** The class a row of outputs predicts (classification encodings only). */
    public int predictClass(double[] outputs) {
        return switch (this) {
            case ONE_HOT -> argmax(outputs);
            case ZERO_ONE -> outputs[0] >= 0.5 ? 1 : 0;
            case PLUS_MINUS_ONE -> outputs[0] >= 0 ? 1 : 0;
            case VALUE -> throw new IllegalStateException("a regression output predicts no class");
        };
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }
}
