package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

import java.util.Arrays;

/**
 * A loss that is a sum of one function per output: {@code L_i = s · Σ_j c_j m_ij f(y_ij, x_ij)},
 * with optional per-output weights {@code c_j}, the output mask {@code m_ij}, and {@code s = 1/cols}
 * for the "mean over outputs" losses (MSE, MAE, MAPE, MSLE, Wasserstein, as DL4J defines them) or 1 for
 * all the others (L1, L2, hinge, cross-entropies, and every loss DL4J does not define: a sum over
 * outputs, so that one output's term does not change with the number of outputs). Those others take
 * {@code outputs=mean} ({@link OutputReduction}) for Keras's and PyTorch's mean over outputs.
 *
 * <p>A subclass supplies only {@code f} and {@code f'} over a run of outputs ({@link #elements});
 * masks, weights and normalisation are applied here, once, for every such loss. An example of weight
 * 0 is not evaluated at all, and a masked output's {@code f} is discarded, so padding may hold values
 * outside the loss's domain.
 */
public abstract class ElementwiseLoss extends AbstractLoss {
    private final double[] outputWeights;
    private final boolean meanOverOutputs;

    /**
     * @param inputForm       what the predictions are
     * @param outputWeights   a weight per output column, or null
     * @param meanOverOutputs divide by the number of outputs (MSE) or not (L2)
     */
    protected ElementwiseLoss(InputForm inputForm, double[] outputWeights, boolean meanOverOutputs) {
        super(inputForm);
        this.outputWeights = outputWeights == null ? null : outputWeights.clone();
        this.meanOverOutputs = meanOverOutputs;
    }

    /**
     * For {@code j} in {@code [0, n)}: {@code v[j] = f(y, x[xo+j])} and {@code g[go+j] = ∂f/∂x} at the
     * same point, where {@code y} is the target of output {@code j}: {@code y[yo+j]} when targets are
     * aligned with the predictions (a subclass with another layout, like several quantiles per target,
     * maps {@code j} itself). {@code v} is a scratch row of at least {@code n}.
     */
    protected abstract void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n);

    /** The per-output weights, or null. */
    public final double[] outputWeights() {
        return outputWeights == null ? null : outputWeights.clone();
    }

    /** Whether the sum over outputs is divided by their number. */
    protected final boolean meanOverOutputs() {
        return meanOverOutputs;
    }

    /**
     * Adds {@code outputs=mean} to the spec of a loss whose default is the sum over outputs, when it averages
     * instead ({@link OutputReduction}); nothing for the sum.
     */
    protected final Spec withOutputs(Spec spec) {
        return meanOverOutputs ? spec.with("outputs", OutputReduction.MEAN) : spec;
    }

    /**
     * The batch whose targets {@link #elements} sees: the batch itself, unless a loss reads the targets of the
     * whole batch together first (hinge's {@code labels=auto}).
     */
    protected LossBatch prepare(LossBatch batch) {
        return batch;
    }

    /** Adds {@code weights=[...]} to a spec when there are per-output weights. */
    protected final Spec withWeights(Spec spec) {
        return withWeights(spec, outputWeights);
    }

    @Override
    protected final void compute(LossBatch given, double[] values, double[] gradient) {
        LossBatch batch = prepare(given);
        int rows = batch.rows();
        int cols = batch.cols();
        int tc = batch.targetCols();
        requireWeightCount(outputWeights, cols, "output");
        double[] x = batch.predictions();
        double[] y = batch.targets();
        double[] mask = batch.outputMask();
        double[] v = new double[cols];
        double[] g = gradient != null ? gradient : new double[cols];
        double norm = meanOverOutputs ? 1.0 / cols : 1.0;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            int go = gradient != null ? o : 0;
            double w = batch.weight(i) * norm;
            if (w == 0) {
                // a masked example contributes nothing and is not evaluated (padding may be out of the domain)
                values[i] = 0;
                Arrays.fill(g, go, go + cols, 0.0);
                continue;
            }
            elements(y, i * tc, x, o, v, g, go, cols);
            double sum = 0;
            if (mask == null && outputWeights == null) {
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
