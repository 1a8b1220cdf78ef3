package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Root mean squared error, in two forms that differ in <em>what the root is taken of</em>. Both are the
 * root of a {@code mse} (mean over outputs of {@code c_j m_ij (x_ij - y_ij)²}, masked outputs counted in
 * the mean as in {@code mse}), computed by {@link SquaredError} and transformed:
 * <ul>
 *   <li>{@code rmse}, per example: {@code L_i = √(MSE_i)}, {@code ∂L_i/∂x_ij = c_j m_ij (x_ij - y_ij) / (K L_i)}.
 *       Each example is its own root; the reduced value is a mean (or sum) of per-example roots, and for a
 *       single output {@code L_i = |x_i - y_i|}, so with one output {@code rmse} is the absolute error (MAE),
 *       not the RMSE a metric reports. Use it for multi-output regression where each example's error
 *       vector is measured by its Euclidean length / √K.</li>
 *   <li>{@code batch_rmse}, over the batch: {@code R = √(Σ_i w_i MSE_i / Σ_i w_i)} (the root of the
 *       weighted mean over the whole batch: the RMSE a metric reports, e.g. scikit-learn's
 *       {@code root_mean_squared_error} with {@code sample_weight}), with the coupled gradient
 *       {@code ∂R/∂x_ij = w_i ∂MSE_i/∂x_ij / (2 R Σ_i w_i)}. It is not a sum over examples: the per-example
 *       values returned are each example's share of R, {@code R · w_i MSE_i / Σ_k w_k MSE_k}, which sum to R
 *       ({@link Loss#isBatchCoupled()}); reduce them with {@link Reduction#SUM} (a mean would divide R by the
 *       batch size again).</li>
 * </ul>
 * At zero error the root has no derivative; the subgradient 0 is returned (the gradient's limit along
 * every line is bounded, and 0 is the minimum). Domain: any real values. Neither DL4J nor Tribuo ships an
 * RMSE loss (Tribuo's RegressionEvaluator reports batch RMSE as a metric).
 */
public final class RootMeanSquaredError extends AbstractLoss {
    private final boolean batch;
    private final SquaredError squared;

    public RootMeanSquaredError(boolean overBatch, double[] outputWeights) {
        super(InputForm.VALUES);
        this.batch = overBatch;
        this.squared = new SquaredError(true, outputWeights);
    }

    @Override
    public boolean isBatchCoupled() {
        return batch;
    }

    @Override
    protected void compute(LossBatch b, double[] values, double[] gradient) {
        squared.compute(b, values, gradient);
        int cols = b.cols();
        if (!batch) {
            for (int i = 0; i < b.rows(); i++) {
                double w = b.weight(i);
                double root = w == 0 ? 0 : Math.sqrt(values[i] / w);
                values[i] = w * root;
                if (gradient != null) {
                    scale(gradient, i * cols, cols, root == 0 ? 0 : 1 / (2 * root));
                }
            }
            return;
        }
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < b.rows(); i++) {
            sum += values[i];
            weights += b.weight(i);
        }
        double root = weights == 0 ? 0 : Math.sqrt(sum / weights);
        // an overflowed sum: the total is +inf, which the values keep as they are (inf/inf would make them NaN)
        double share = sum == 0 ? 0 : sum == Double.POSITIVE_INFINITY ? 1 : root / sum;
        double factor = root == 0 ? 0 : 1 / (2 * root * weights);
        for (int i = 0; i < b.rows(); i++) {
            if (b.weight(i) != 0) { // padding keeps value and gradient 0, even when a NaN makes the batch's root NaN
                values[i] *= share;
                if (gradient != null) {
                    scale(gradient, i * cols, cols, factor);
                }
            }
        }
    }

    private static void scale(double[] a, int from, int n, double s) {
        for (int k = from; k < from + n; k++) {
            a[k] *= s;
        }
    }

    @Override
    public Spec spec() {
        return squared.withWeights(Spec.of(batch ? "batch_rmse" : "rmse"));
    }
}
