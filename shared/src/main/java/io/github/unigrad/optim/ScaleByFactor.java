package io.github.unigrad.optim;

/**
 * A stateless transform whose step is {@code u ← factor · u}, the factor being its per-step
 * {@link #coefficients} (a {@code Double}): {@link ScaleByLearningRate} (η_t) and
 * {@link ClipByGlobalNorm} (min(1, max/‖g‖)). Every pass is {@link Scale}'s one loop, also over all
 * the rows of a matrix in one loop nest.
 */
interface ScaleByFactor extends Transform {

    @Override
    default void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        Scale.by(u, o, o + n, scale * (Double) coefficients);
    }

    @Override
    default void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        Scale.by(u, o, o + n, scale * (Double) coefficients);
    }

    @Override
    default void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o,
                        double[][] state, int slab) {
        Scale.by(u, from, to, scale * (Double) coefficients);
    }

    @Override
    default void denseRows(Object coefficients, double scale, double[][] u, double[][] p, double[][][] state, int slab, int n) {
        Scale.rows(u, n, scale * (Double) coefficients);
    }

    @Override
    default void sparseRows(Object coefficients, double scale, SparseRows u, double[][] p, double[][][] state, int slab) {
        Scale.rows(u, scale * (Double) coefficients);
    }
}
