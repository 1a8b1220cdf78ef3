package io.github.unigrad.optim;

import io.github.unigrad.spec.SpecDescribed;

/**
 * One link of an optimiser chain, after Optax's {@code GradientTransformation}: it turns the
 * incoming update {@code u} (at the head of the chain, the gradient) into the outgoing one, in
 * place, and keeps its state in {@link #slabs()} flat arrays the size of the parameters.
 *
 * <p>The state lives outside the transform (in {@code state[slab + k][so + j]}, k &lt; slabs()), so
 * the DL4J adapter can point it at DL4J's updater-state view and the Tribuo adapter at arrays it
 * owns; a transform object holds only its hyperparameters (and, for the rules with bias corrections,
 * the last step's coefficients, derived from them: {@link StepMemo}).
 *
 * <p>Every implementation's loop is a single pass over primitive arrays with no allocation and no
 * call per element.
 *
 * <p><b>Float and double.</b> Each step exists for double and for float arrays (DL4J's networks are
 * float by default). The float step's default widens the floats chunk by chunk to run the double
 * step and rounds the results back (one implementation, shared by every transform and optimiser):
 * correct for every transform, but about three times slower than the double step, because C2 (JDK
 * 17) does not vectorise float/double conversions. Every catalogue transform therefore overrides the
 * float dense step with a float kernel ({@link ScaleByAdam}, {@link ScaleByAdamax}, {@link ScaleByNadam},
 * {@link ScaleByRadam}, {@link ScaleByBelief}, {@link ScaleByAdagrad}, {@link ScaleByRms},
 * {@link ScaleByAdadelta}, {@link ScaleByLion}, {@link Trace}, {@link NesterovVelocity},
 * {@link AddDecayedWeights}, {@link ScaleByLearningRate}, {@link Clip} and {@link ClipByGlobalNorm};
 * the float sparse step keeps the default): a deliberate per-primitive specialisation, as the JDK's
 * {@code Arrays.fill(float[])} and {@code (double[])}. Only the few-line loop body exists twice, with
 * the same variable names in the same order; the per-step coefficients are computed once, in double,
 * by one method both loops use (the float loop casts them to float), and arithmetic per element is in
 * float. {@code FloatKernelTest} keeps each twin within a few float ulps of its double kernel over
 * many steps.
 *
 * <p><b>Equality.</b> Every catalogue transform is a {@link io.github.unigrad.spec.SpecIdentified}: equal
 * to another of its class with the same hyperparameters (its canonical spec), with a hash code to match,
 * so {@code Transforms.parse(t.spec().toString())} equals {@code t}.
 */
public interface Transform extends SpecDescribed {

    /** Number of state slabs (Adam: 2, for m and v). */
    int slabs();

    /** The value slab {@code k} starts at (0 unless the rule says otherwise, e.g. AdaGrad's initial accumulator). */
    default double initialValue(int k) {
        return 0.0;
    }

    /** True when the transform reads the parameters (weight decay, coupled or decoupled). */
    default boolean needsParameters() {
        return false;
    }

    /** True when the transform reads {@link Step#gradient()} (global-norm clipping). */
    default boolean needsGradientSummary() {
        return false;
    }

    /**
     * The dense step over {@code n} consecutive parameters: {@code u[o..o+n)} in and out,
     * parameters {@code p[o..o+n)} (null unless {@link #needsParameters()}), state
     * {@code state[slab + k][so..so+n)}. The outgoing update is multiplied by {@code scale}, which
     * is how a {@link Chain} fuses a following {@code scale_by_lr} into this pass (1 otherwise).
     * With {@code so == o} every array is read at the same index and the JIT vectorises the loop;
     * other offsets take a scalar loop.
     */
    void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n);

    /**
     * The sparse step: for {@code j} in {@code [from, to)}, {@code u[j]} is the entry of parameter
     * {@code idx[j]}, whose value is {@code p[po + idx[j]]} and whose state is
     * {@code state[slab + k][so + idx[j]]}. Parameters not listed are not touched (the rule's lazy
     * form, which each implementation documents). The outgoing entries are multiplied by {@code scale}.
     */
    void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so);

    /**
     * {@link #dense(Step, double, double[], double[], int, double[][], int, int, int)} on each row of a
     * matrix stored as one array per row (Tribuo's {@code DenseMatrix}): row {@code r} is
     * {@code u[r][0..n)}, its parameters {@code p[r]} (p null unless {@link #needsParameters()}) and its
     * state {@code state[r][slab + k][0..n)}. A transform whose pass is one short loop per row overrides
     * it to run the rows in one loop nest, as Tribuo's own {@code DenseMatrix} operations do.
     */
    default void denseRows(Step step, double scale, double[][] u, double[][] p, double[][][] state, int slab, int n) {
        for (int r = 0; r < u.length; r++) {
            dense(step, scale, u[r], p == null ? null : p[r], 0, state[r], slab, 0, n);
        }
    }

    /**
     * {@link #sparse(Step, double, double[], int, int, int[], double[], int, double[][], int, int)} on each
     * row of a sparse matrix: row {@code r}'s active entries {@code u.values(r)[0..u.count(r))} at
     * {@code u.indices(r)}, its parameters {@code p[r]} and its state {@code state[r][slab + k]};
     * overridden as {@link #denseRows}.
     */
    default void sparseRows(Step step, double scale, SparseRows u, double[][] p, double[][][] state, int slab) {
        for (int r = 0, rows = u.rows(); r < rows; r++) {
            sparse(step, scale, u.values(r), 0, u.count(r), u.indices(r), p == null ? null : p[r], 0, state[r], slab, 0);
        }
    }

    /**
     * The dense step on float arrays, with the double step's contract. Default: the double step on
     * the floats widened chunk by chunk, rounded back; the hot transforms override it with a float
     * kernel (see the class comment).
     */
    default void dense(Step step, double scale, float[] u, float[] p, int o, float[][] state, int slab, int so, int n) {
        FloatSteps.dense(slabs(), needsParameters(), u, p, o, state, slab, so, n,
                (du, dp, ds, len) -> dense(step, scale, du, dp, 0, ds, 0, 0, len));
    }

    /** The sparse step on float arrays (indices distinct); default and overrides as for the float {@link #dense}. */
    default void sparse(Step step, double scale, float[] u, int from, int to, int[] idx, float[] p, int po, float[][] state, int slab, int so) {
        FloatSteps.sparse(slabs(), needsParameters(), u, from, to, idx, p, po, state, slab, so,
                (du, len, local, dp, ds) -> sparse(step, scale, du, 0, len, local, dp, 0, ds, 0, 0));
    }
}
