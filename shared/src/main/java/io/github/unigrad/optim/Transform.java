package io.github.unigrad.optim;

import io.github.unigrad.spec.SpecDescribed;

/**
 * One link of an optimiser chain, after Optax's {@code GradientTransformation}: it turns the incoming
 * update {@code u} (at the head of the chain, the gradient) into the outgoing one, in place, with its
 * state in {@link #slabs()} flat arrays the size of the parameters, indexed like the update (the state
 * of {@code u[j]} is {@code state[slab + k][j]}), so every array of a pass is read at the same index and
 * the JIT vectorises the loop. The DL4J adapter points the state at DL4J's updater-state view, the
 * Tribuo adapter at arrays it owns.
 *
 * <p>A transform is immutable and holds only its hyperparameters. As Optax's {@code update} computes its
 * scalars from {@code count} and then maps over the leaves, a step is {@link #coefficients(Step)} (the
 * step's scalars: bias corrections, Nadam's μ products, RAdam's ρ, a clipping factor), computed once by
 * {@link Chain#begin}, then {@link #dense} or {@link #sparse} with them on every piece of the parameters
 * (a row of a Tribuo matrix, a block of a DL4J view): one pass over primitive arrays, no allocation, no
 * call per element.
 *
 * <p><b>Float and double.</b> DL4J's networks are float by default. The float step's default widens
 * the floats chunk by chunk, runs the double step and rounds back ({@link FloatSteps}): correct, but
 * about three times slower, as C2 (JDK 17) does not vectorise float/double conversions. Every catalogue
 * transform therefore overrides it with a float kernel, a deliberate per-primitive specialisation (as the
 * JDK's {@code Arrays.fill(float[])} and {@code (double[])}): the same loop body with the same names, the
 * coefficients cast to float, arithmetic in float. {@code FloatKernelTest} keeps each twin within a few
 * float ulps of its double kernel. Sparse steps are double only (Tribuo's sparse gradients are double).
 *
 * <p><b>Arguments.</b> A transform's methods are kernels: they trust their arguments (lengths, offsets, index
 * order), which the {@link Optimiser} that runs them has checked once per call ({@link Chain}'s entry points), so
 * that no pass pays for a check twice.
 *
 * <p><b>Equality.</b> Every catalogue transform is a {@link io.github.unigrad.spec.SpecIdentified}: equal
 * to another of its class with the same hyperparameters (its canonical spec), with a hash code to match,
 * so {@code Transforms.parse(t.spec().toString())} equals {@code t}.
 */
public interface Transform extends SpecDescribed {

    /** Number of state slabs (Adam: 2, for m and v); none by default (clipping, weight decay, scaling). */
    default int slabs() {
        return 0;
    }

    /** The value slab {@code k} starts at (0 unless the rule says otherwise, e.g. AdaGrad's initial accumulator). */
    default double initialValue(int k) {
        return 0.0;
    }

    /**
     * True when the transform reads the parameters (weight decay, coupled or decoupled); by default, when it
     * {@linkplain #setsParameters() sets them}.
     */
    default boolean needsParameters() {
        return setsParameters();
    }

    /**
     * True when the transform sets the parameters itself (a proximal step, FTRL): its outgoing update
     * is {@code θ - θ'} for the new value θ' it computes, so the host's {@code θ - u} is θ' (exactly 0
     * where θ' is 0). It reads the parameters and must be the last transform of its chain.
     */
    default boolean setsParameters() {
        return false;
    }

    /**
     * True when the parameters to evaluate with differ from the trained ones by an adjustment of this
     * transform's (a lazy step's pending catch-up); only a transform that {@link #setsParameters()}, hence
     * the last of its chain, has one. See {@link Optimiser#hasFinalAdjustment()}.
     */
    default boolean hasFinalAdjustment() {
        return false;
    }

    /**
     * Writes into {@code u[o..o+n)} what to subtract from the trained parameters {@code p[o..o+n)} to
     * evaluate with, given the {@link #coefficients} of the step that would come next (its index is the
     * number of steps taken; its learning rate, the last step's). None by default.
     */
    default void finalAdjustment(Object c, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        java.util.Arrays.fill(u, o, o + n, 0.0);
    }

    /** True when the transform reads {@link Step#gradient()} (global-norm clipping). */
    default boolean needsGradientSummary() {
        return false;
    }

    /**
     * This step's coefficients, handed to every {@link #dense} and {@link #sparse} call of the step: a
     * pure function of {@code step} (its count, learning rate, gradient summary) and the
     * hyperparameters. None (null) by default.
     */
    default Object coefficients(Step step) {
        return null;
    }

    /**
     * The dense step over {@code n} consecutive parameters: {@code u[o..o+n)} in and out,
     * parameters {@code p[o..o+n)} (null unless {@link #needsParameters()}), state
     * {@code state[slab + k][o..o+n)}, with this step's {@link #coefficients} {@code c}. The outgoing
     * update is multiplied by {@code scale}, which is how a {@link Chain} fuses a following
     * {@code scale_by_lr} into this pass (1 otherwise).
     */
    void dense(Object c, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n);

    /**
     * The sparse step: for {@code j} in {@code [from, to)}, {@code u[j]} is the entry of parameter
     * {@code o + idx[j]}, whose value is {@code p[o + idx[j]]} and whose state is
     * {@code state[slab + k][o + idx[j]]}. Parameters not listed are not touched (the rule's lazy
     * form, which each implementation documents). The outgoing entries are multiplied by {@code scale}.
     */
    void sparse(Object c, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab);

    /**
     * {@link #dense(Object, double, double[], double[], int, double[][], int, int)} on each row of a
     * matrix stored as one array per row (Tribuo's {@code DenseMatrix}): row {@code r} is
     * {@code u[r][0..n)}, its parameters {@code p[r]} (p null unless {@link #needsParameters()}) and its
     * state {@code state[r][slab + k][0..n)}. A transform whose pass is one short loop per row overrides
     * it to run the rows in one loop nest, as Tribuo's own {@code DenseMatrix} operations do.
     */
    default void denseRows(Object c, double scale, double[][] u, double[][] p, double[][][] state, int slab, int n) {
        for (int r = 0; r < u.length; r++) {
            dense(c, scale, u[r], p == null ? null : p[r], 0, state[r], slab, n);
        }
    }

    /**
     * {@link #sparse} on each row of a sparse matrix: row {@code r}'s active entries
     * {@code u.values(r)[0..u.count(r))} at {@code u.indices(r)}, its parameters {@code p[r]} and its
     * state {@code state[r][slab + k]}; overridden as {@link #denseRows}.
     */
    default void sparseRows(Object c, double scale, SparseRows u, double[][] p, double[][][] state, int slab) {
        for (int r = 0, rows = u.rows(); r < rows; r++) {
            sparse(c, scale, u.values(r), 0, u.count(r), u.indices(r), p == null ? null : p[r], 0, state[r], slab);
        }
    }

    /**
     * The dense step on float arrays, with the double step's contract. Default: the double step on
     * the floats widened chunk by chunk, rounded back; the catalogue transforms override it with a
     * float kernel (see the class comment).
     */
    default void dense(Object c, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        FloatSteps.dense(slabs(), needsParameters(), u, p, o, state, slab, n,
                (du, dp, ds, len) -> dense(c, scale, du, dp, 0, ds, 0, len));
    }
}
