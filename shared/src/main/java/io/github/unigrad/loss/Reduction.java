package io.github.unigrad.loss;

/**
 * How per-example loss values are combined into one number. The per-example values a loss
 * returns already include each example's weight {@code w_i}, so:
 * <ul>
 *   <li>{@link #NONE}: no reduction, the per-example values themselves;</li>
 *   <li>{@link #SUM}: {@code Σ_i w_i L_i};</li>
 *   <li>{@link #MEAN}: {@code Σ_i w_i L_i / N} (N examples, masked ones included, as DL4J and PyTorch do);</li>
 *   <li>{@link #WEIGHTED_MEAN}: {@code Σ_i w_i L_i / Σ_i w_i} (masked examples do not count).</li>
 * </ul>
 * The gradient of a reduction is the loss's gradient (of the sum) times {@link #scale}.
 */
public enum Reduction {
    NONE, SUM, MEAN, WEIGHTED_MEAN;

    /** The factor that turns the sum of the per-example values into this reduction (1 for NONE). */
    public double scale(int rows, double[] exampleWeights) {
        switch (this) {
            case MEAN:
                return rows == 0 ? 0 : 1.0 / rows;
            case WEIGHTED_MEAN:
                if (exampleWeights == null) {
                    return rows == 0 ? 0 : 1.0 / rows;
                }
                double s = 0;
                for (double w : exampleWeights) {
                    s += w;
                }
                return s == 0 ? 0 : 1.0 / s;
            default:
                return 1.0;
        }
    }

    /** The reduced value of per-example values (for NONE, their sum). */
    public double reduce(double[] values, double[] exampleWeights) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s * scale(values.length, exampleWeights);
    }
}
