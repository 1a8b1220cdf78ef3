package io.github.unigrad.loss;

import java.util.Arrays;

/**
 * A loss whose value for one example couples that example's outputs (a softmax, a norm, a root): the
 * subclass computes one example at a time ({@link #row}); the example weights are applied here, once,
 * and an example of weight 0 is not evaluated (its value and gradient are 0).
 */
public abstract class RowLoss extends AbstractLoss {

    /** See {@link AbstractLoss#AbstractLoss(InputForm, boolean)}. */
    protected RowLoss(InputForm inputForm, boolean classScores) {
        super(inputForm, classScores);
    }

    /** How many doubles of scratch space {@link #row} needs for {@code cols} outputs (allocated once per call). */
    protected int scratchSize(int cols) {
        return 0;
    }

    /**
     * The unweighted value of example {@code i}; writes {@code ∂L_i/∂x_i} into {@code g[go, go + cols)}
     * (always: when no gradient was asked, {@code g} is a scratch row).
     */
    protected abstract double row(LossBatch batch, int i, double[] g, int go, double[] scratch);

    @Override
    protected final void compute(LossBatch batch, double[] values, double[] gradient) {
        int cols = batch.cols();
        double[] scratch = new double[scratchSize(cols)];
        double[] g = gradient != null ? gradient : new double[cols];
        for (int i = 0; i < batch.rows(); i++) {
            int go = gradient != null ? i * cols : 0;
            double w = batch.weight(i);
            if (w == 0) {
                values[i] = 0;
                Arrays.fill(g, go, go + cols, 0.0);
                continue;
            }
            values[i] = w * row(batch, i, g, go, scratch);
            if (w != 1) {
                for (int j = go; j < go + cols; j++) {
                    g[j] *= w;
                }
            }
        }
    }
}
