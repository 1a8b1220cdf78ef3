package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * {@code u ← η_t · u}, with {@code η_t} the optimiser's learning rate at this step (Optax's
 * {@code scale_by_learning_rate}, without the sign flip: our updates are subtracted). A {@link Chain}
 * fuses it into the pass of the transform before it, so it costs no pass of its own there.
 * Spec: {@code scale_by_lr}.
 */
public final class ScaleByLearningRate extends SpecIdentified implements Transform {
    public static final ScaleByLearningRate INSTANCE = new ScaleByLearningRate();

    private ScaleByLearningRate() {
    }

    @Override
    public int slabs() {
        return 0;
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        Scale.by(u, o, o + n, scale * step.learningRate());
    }

    /** The float kernel: {@link Scale#by(float[], int, int, double)}. */
    @Override
    public void dense(Step step, double scale, float[] u, float[] p, int o, float[][] state, int slab, int so, int n) {
        Scale.by(u, o, o + n, scale * step.learningRate());
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        Scale.by(u, from, to, scale * step.learningRate());
    }

    /** All rows in one loop nest ({@link Scale#rows(double[][], int, double)}). */
    @Override
    public void denseRows(Step step, double scale, double[][] u, double[][] p, double[][][] state, int slab, int n) {
        Scale.rows(u, n, scale * step.learningRate());
    }

    @Override
    public void sparseRows(Step step, double scale, SparseRows u, double[][] p, double[][][] state, int slab) {
        Scale.rows(u, scale * step.learningRate());
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_lr");
    }
}
