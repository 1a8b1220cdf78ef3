package io.github.unigrad.loss;

/**
 * The outcome of {@link Loss#compute}: the weighted value of every example and, if asked, the
 * gradient of their sum.
 */
public record LossResult(LossBatch batch, double[] values, double[] gradient) {

    /** The values reduced as {@code reduction} says. */
    public double value(Reduction reduction) {
        return reduction.reduce(values, batch.exampleWeights());
    }

    /** The gradient of {@link #value(Reduction)}: a fresh array. */
    public double[] gradient(Reduction reduction) {
        if (gradient == null) {
            throw new IllegalStateException("the gradient was not computed");
        }
        double s = reduction.scale(batch.rows(), batch.exampleWeights());
        double[] g = gradient.clone();
        if (s != 1.0) {
            for (int k = 0; k < g.length; k++) {
                g[k] *= s;
            }
        }
        return g;
    }
}
