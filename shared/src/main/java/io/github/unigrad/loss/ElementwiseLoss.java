package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * A loss that is a sum of one function per output: {@code L_i = s · Σ_j c_j m_ij f(y_ij, x_ij)},
 * with optional per-output weights {@code c_j}, the output mask {@code m_ij}, and {@code s = 1/cols}
 * for the "mean over outputs" losses (MSE, MAE, ...) or 1 for the "sum" ones (L1, L2), as DL4J
 * defines them.
 *
 * <p>A subclass supplies only {@code f} and {@code f'} over a run of outputs ({@link #elements});
 * masks, weights and normalisation are applied here, once, for every such loss.
 */
public abstract class ElementwiseLoss extends AbstractLoss {
    private final double[] outputWeights;
    private final boolean meanOverOutputs;

    /**
     * @param outputWeights   a weight per output column, or null
     * @param meanOverOutputs divide by the number of outputs (MSE) or not (L2)
     */
    protected ElementwiseLoss(double[] outputWeights, boolean meanOverOutputs) {
        this.outputWeights = outputWeights == null ? null : outputWeights.clone();
        this.meanOverOutputs = meanOverOutputs;
    }

    /**
     * For {@code j} in {@code [0, n)}: {@code v[j] = f(y[yo+j], x[xo+j])} and
     * {@code g[go+j] = ∂f/∂x} at the same point. {@code v} is a scratch row of at least {@code n}.
     */
    protected abstract void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n);

    /** The per-output weights, or null. */
    public final double[] outputWeights() {
        return outputWeights == null ? null : outputWeights.clone();
    }

    /** Adds {@code weights=[...]} to a spec when there are per-output weights. */
    protected final Spec withWeights(Spec spec) {
        return outputWeights == null ? spec : spec.with("weights", outputWeights);
    }

    @Override
    protected final void compute(LossBatch batch, double[] values, double[] gradient) {
        int rows = batch.rows();
        int cols = batch.cols();
        if (outputWeights != null && outputWeights.length != cols) {
            throw new IllegalArgumentException(name() + " has " + outputWeights.length + " output weights but the batch has "
                    + cols + " outputs");
        }
        double[] x = batch.predictions();
        double[] y = batch.targets();
        double[] mask = batch.outputMask();
        double[] v = new double[cols];
        double[] g = gradient != null ? gradient : new double[cols];
        double norm = meanOverOutputs ? 1.0 / cols : 1.0;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            int go = gradient != null ? o : 0;
            elements(y, o, x, o, v, g, go, cols);
            double w = batch.weight(i) * norm;
            double sum = 0;
            if (w == 0) {
                // a masked example contributes nothing, even where f or f' is not finite
                java.util.Arrays.fill(g, go, go + cols, 0.0);
            } else if (mask == null && outputWeights == null) {
                for (int j = 0; j < cols; j++) {
                    sum += v[j];
                    g[go + j] *= w;
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    double c = (mask == null ? 1.0 : mask[o + j]) * (outputWeights == null ? 1.0 : outputWeights[j]);
                    if (c == 0) {
                        g[go + j] = 0;
                    } else {
                        sum += c * v[j];
                        g[go + j] *= c * w;
                    }
                }
            }
            values[i] = w * sum;
        }
    }
}
