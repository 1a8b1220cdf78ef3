package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * {@code u ← η_t · u}, with {@code η_t} the optimiser's learning rate at this step (Optax's
 * {@code scale_by_learning_rate}, without the sign flip: our updates are subtracted). A {@link Chain}
 * fuses it into the pass of the transform before it, so it costs no pass of its own there.
 * Spec: {@code scale_by_lr}.
 */
public final class ScaleByLearningRate implements Transform {
    public static final ScaleByLearningRate INSTANCE = new ScaleByLearningRate();

    private ScaleByLearningRate() {
    }

    @Override
    public int slabs() {
        return 0;
    }

    /** The learning rate of this step. */
    @Override
    public Object coefficients(Step step) {
        return step.learningRate();
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        Scale.by(u, o, o + n, scale * (Double) coefficients);
    }

    /** The float kernel: {@link Scale#by(float[], int, int, double)}. */
    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        Scale.by(u, o, o + n, scale * (Double) coefficients);
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        Scale.by(u, from, to, scale * (Double) coefficients);
    }

    /** All rows in one loop nest ({@link Scale#rows(double[][], int, double)}). */
    @Override
    public void denseRows(Object coefficients, double scale, double[][] u, double[][] p, double[][][] state, int slab, int n) {
        Scale.rows(u, n, scale * (Double) coefficients);
    }

    @Override
    public void sparseRows(Object coefficients, double scale, SparseRows u, double[][] p, double[][][] state, int slab) {
        Scale.rows(u, scale * (Double) coefficients);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_lr");
    }
}
