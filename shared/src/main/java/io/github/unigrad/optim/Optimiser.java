package io.github.unigrad.optim;

import java.nio.ByteBuffer;

import io.github.unigrad.spec.SpecDescribed;

/**
 * A gradient optimiser: turns a gradient into an update, in place, with its state in
 * {@link #slabs()} flat arrays the size of the parameters and a step index that comes from outside.
 *
 * <p><b>Direction.</b> The update is <em>subtracted</em> from the parameters: {@code θ ← θ - u}.
 * (DL4J subtracts too; the Tribuo adapter negates, since Tribuo adds.)
 *
 * <p><b>One step</b>, for any split of the parameters into pieces (rows, blocks):
 * <ol>
 *   <li>if {@link #needsGradientSummary()}, feed every piece to a {@link GradientSummary};</li>
 *   <li>{@code Step s = begin(index, summary)} (summary may be null otherwise);</li>
 *   <li>for every piece, {@link #dense} (or {@link #sparse} for a sparse gradient) with the same {@code s}.</li>
 * </ol>
 * Nothing else is kept in the object: state saved and restored mid-run continues bit-for-bit.
 *
 * <p>Implementations: {@link Chain} (a learning-rate schedule and a list of {@link Transform}s),
 * {@link ScheduleFree}, and the wrappers that change the step itself ({@link Averaging},
 * {@link Accumulate}, {@link Lookahead}, {@link SkipNonFinite}); all built by {@link Optimisers}.
 *
 * <p><b>Layout.</b> The state is indexed like the update: the state of {@code u[j]} is
 * {@code state[k][j]}, so every array of a pass is read at the same index and the JIT vectorises the
 * loops.
 */
public interface Optimiser extends SpecDescribed {

    /** Number of state slabs. */
    int slabs();

    /** The value slab {@code k} starts at. */
    double initialValue(int k);

    /** True when some transform reads the parameters; such an optimiser needs them passed to {@link #dense}. */
    boolean needsParameters();

    /** True when {@link #begin} needs the gradient's {@link GradientSummary}. */
    boolean needsGradientSummary();

    /** The learning rate at 0-based step {@code index} (what DL4J's {@code getLearningRate} reports). */
    double learningRate(long index);

    /** The scalars of step {@code index} (0-based). */
    Step begin(long index, GradientSummary summary);

    /** The dense step on one piece; see {@link Transform#dense}. */
    void dense(Step step, double[] u, double[] p, int o, double[][] state, int n);

    /** The sparse step on one piece; see {@link Transform#sparse}. */
    void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state);

    /**
     * The dense step on the gradient {@code gradientScale · u[o..o+n)}, leaving {@code updateScale}
     * times its update in {@code u}: for a host whose convention differs from ours by a factor on
     * each side (Tribuo hands over {@code -weight} times the gradient and adds what it gets back, so
     * its adapter passes {@code -weight} and {@code -1}). The default scales {@code u}, steps and
     * scales again; a {@link Chain} folds the update scale into its last transform's pass and the
     * gradient scale into a leading {@code scale_by_lr} (plain gradient descent then costs one pass in
     * all). Equal to the three passes up to rounding (the factors multiply in another order). The
     * summary given to {@link #begin}, if any, must be of the scaled gradient.
     */
    default void dense(Step step, double gradientScale, double updateScale, double[] u, double[] p, int o,
                       double[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        Scale.by(u, o, o + n, gradientScale);
        dense(step, u, p, o, state, n);
        Scale.by(u, o, o + n, updateScale);
    }

    /**
     * The scaled dense step ({@link #dense(Step, double, double, double[], double[], int, double[][], int)})
     * on the rows of a matrix stored as one array per row (Tribuo's {@code DenseMatrix}): row {@code r}
     * is {@code u[r][0..n)}, its parameters {@code p[r]} (p null unless {@link #needsParameters()}) and
     * its state slabs {@code state[r][k][0..n)}. The same as that step on each row in turn; a
     * {@link Chain} overrides it to do its per-call work once per matrix rather than once per row.
     */
    default void denseRows(Step step, double gradientScale, double updateScale, double[][] u, double[][] p,
                           double[][][] state, int n) {
        StepArguments.rows(this, u.length, needsParameters(), p, state);
        for (int r = 0; r < u.length; r++) {
            dense(step, gradientScale, updateScale, u[r], p == null ? null : p[r], 0, state[r], n);
        }
    }

    /**
     * The scaled sparse step ({@link #sparse(Step, double, double, double[], int, int, int[], double[], int, double[][])})
     * on the rows of a sparse matrix, read in place through {@link SparseRows}: row {@code r}'s active
     * entries are {@code u.values(r)[0..u.count(r))} at indices {@code u.indices(r)}, its parameters
     * {@code p[r]} (p null unless {@link #needsParameters()}) and its state slabs {@code state[r][k]}.
     * The same as that step on each row in turn; a {@link Chain} does its per-call work once per matrix.
     */
    default void sparseRows(Step step, double gradientScale, double updateScale, SparseRows u, double[][] p,
                            double[][][] state) {
        StepArguments.rows(this, u.rows(), needsParameters(), p, state);
        for (int r = 0, rows = u.rows(); r < rows; r++) {
            sparse(step, gradientScale, updateScale, u.values(r), 0, u.count(r), u.indices(r), p == null ? null : p[r],
                    0, state[r]);
        }
    }

    /** The sparse step on the gradient {@code gradientScale · u[from..to)}; see {@link #dense(Step, double, double, double[], double[], int, double[][], int)}. */
    default void sparse(Step step, double gradientScale, double updateScale, double[] u, int from, int to, int[] idx,
                        double[] p, int o, double[][] state) {
        StepArguments.sparse(this, slabs(), needsParameters(), u, from, to, idx, p, o, state, 0);
        Scale.by(u, from, to, gradientScale);
        sparse(step, u, from, to, idx, p, o, state);
        Scale.by(u, from, to, updateScale);
    }

    /**
     * The float dense step in place on direct memory ({@link VectorRoute}): the update is {@code n} floats from float
     * index {@code uo} of {@code u}, state slab {@code k} is {@code n} floats from float index {@code so[k]} of
     * {@code state[k]}, all native-order byte buffers; gradient and update scales 1. Steps the first values, a
     * multiple of the vector length, as {@link #dense(Step, float[], float[], int, float[][], int)} would, to the bit,
     * and returns how many; the host steps the rest by its copy route. Returns 0, touching nothing, when the optimiser
     * has no in-place route (by default; a {@link Chain} whose every pass has a vector kernel has one while
     * {@link VectorRoute#enabled()}). Arguments are the host's to check (the buffers hold the indices).
     */
    default int denseDirect(Step step, ByteBuffer u, int uo, ByteBuffer[] state, int[] so, int n) {
        return 0;
    }

    /**
     * True when the parameters to evaluate a model with differ from the ones trained (Schedule-Free's
     * {@code x}, parameter averaging, {@code prox_l1}'s shrinkage of the coordinates a sparse run skipped
     * since it last saw them): the Tribuo adapter applies {@link #finalAdjustment} in {@code finalise()}.
     */
    default boolean hasFinalAdjustment() {
        return false;
    }

    /**
     * Writes into {@code u[o..o+n)} what to subtract from the trained parameters {@code p[o..o+n)} to
     * get the ones to evaluate with, after {@code steps} steps (state unchanged).
     */
    default void finalAdjustment(long steps, double[] u, double[] p, int o, double[][] state, int n) {
        java.util.Arrays.fill(u, o, o + n, 0.0);
    }

    /**
     * A weight-decay term split off this optimiser, for a host whose updater never sees the
     * parameters (DL4J's {@code GradientUpdater}) and applies the term through its own regularisation:
     * <ul>
     *   <li>{@code decoupled=true}: this optimiser's update equals {@code rest}'s update plus
     *       {@code η_t · coefficient · θ} (η_t = {@link #learningRate}), which is DL4J's
     *       {@code WeightDecay(coefficient, applyLR=true)};</li>
     *   <li>{@code decoupled=false}: this optimiser's update equals {@code rest}'s update of the gradient
     *       {@code g + coefficient · θ}, which is DL4J's {@code L2Regularization(coefficient)}.</li>
     * </ul>
     * {@code rest} has the same state layout, schedule and step semantics, and does not need the parameters.
     *
     * @param coefficient the decay coefficient λ
     * @param decoupled   whether the term is added after the rule (scaled by η_t) or to the gradient
     * @param rest        the optimiser without the term
     */
    record WeightDecaySplit(double coefficient, boolean decoupled, Optimiser rest) {
    }

    /**
     * The optimiser's weight-decay term split off (see {@link WeightDecaySplit}), or empty when it has
     * none or when its parameter-dependent part cannot be expressed as one such term.
     */
    default java.util.Optional<WeightDecaySplit> splitWeightDecay() {
        return java.util.Optional.empty();
    }

    /** Fills fresh state slabs with their initial values. */
    default void initialise(double[][] state, int o, int n) {
        for (int k = 0; k < slabs(); k++) {
            java.util.Arrays.fill(state[k], o, o + n, initialValue(k));
        }
    }

    /**
     * The dense step on float arrays (update, parameters and state all float, e.g. DL4J's FLOAT
     * views). By default the double step runs on cache-sized chunks widened from the floats and every
     * result is rounded back to float (the double step on the float values, rounded); a {@link Chain}
     * instead runs each transform's float step, which for every catalogue transform is a float kernel (see
     * {@link Transform}) and agrees with the double step to float precision; {@link SkipNonFinite}
     * passes the float step to its inner optimiser; the other wrappers and {@link ScheduleFree} take
     * the widening default.
     */
    default void dense(Step step, float[] u, float[] p, int o, float[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        FloatSteps.dense(slabs(), needsParameters(), u, p, o, state, 0, n,
                (du, dp, ds, len) -> dense(step, du, dp, 0, ds, len));
    }

    /** Fills fresh float state slabs with their initial values. */
    default void initialise(float[][] state, int o, int n) {
        for (int k = 0; k < slabs(); k++) {
            java.util.Arrays.fill(state[k], o, o + n, (float) initialValue(k));
        }
    }
}
