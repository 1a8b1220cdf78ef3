package io.github.unigrad.optim;

import io.github.unigrad.schedule.Schedule;

/**
 * The scalars of one optimiser step, computed once before the pass over the parameters: the
 * 0-based step index, the learning rate, (when the optimiser asked for it) the global norm of
 * the incoming gradient and whether it was finite, and any rule-specific scalars the optimiser
 * derived from those (Schedule-Free's averaging weight, a wrapper's "this step is a boundary" flag).
 * Wrappers (accumulation, lookahead) keep the step their inner optimiser sees in {@link #inner()}.
 * A {@link Chain}'s step also carries each transform's {@link Transform#coefficients(Step)}, computed
 * once in {@link Chain#begin} as Optax computes them from {@code count} in {@code update}.
 *
 * <p>The index is checked here, where every optimiser's step begins: it must lie in
 * {@code [0, Schedule.MAX_STEP]} (so {@link #t()} is a long too), else an {@link IllegalArgumentException}.
 */
public final class Step {
    private static final double[] NONE = new double[0];

    private final long index;
    private final double learningRate;
    private final GradientSummary gradient;
    private final Step inner;
    private final double[] scalars;
    private final Object[] coefficients;
    /** The chain that began this step and computed {@link #coefficients}, or null. */
    private final Chain chain;

    /**
     * @param scalars rule-specific values computed in {@code begin}, read back with {@link #scalar(int)}
     */
    public Step(long index, double learningRate, GradientSummary gradient, Step inner, double... scalars) {
        this.index = Schedule.checkStep(index);
        this.learningRate = learningRate;
        this.gradient = gradient;
        this.inner = inner;
        this.scalars = scalars.length == 0 ? NONE : scalars.clone();
        this.coefficients = null;
        this.chain = null;
    }

    /**
     * A chain's step, carrying {@code coefficients[i]}, transform i's per-step coefficients, which {@code chain}
     * fills in right after (each computed from this step).
     */
    Step(long index, double learningRate, GradientSummary gradient, Chain chain, Object[] coefficients) {
        this.index = Schedule.checkStep(index);
        this.learningRate = learningRate;
        this.gradient = gradient;
        this.inner = null;
        this.scalars = NONE;
        this.coefficients = coefficients;
        this.chain = chain;
    }

    /** The coefficients of {@code chain}'s transforms, checked to be its: a step is applied by the chain that began it. */
    Object[] coefficientsOf(Chain chain) {
        if (this.chain != chain) {
            throw new IllegalArgumentException("step " + index + " was not begun by " + chain.spec()
                    + "; pass the Step its begin(...) returned");
        }
        return coefficients;
    }

    /** 0-based index of this step (bias corrections use {@code index() + 1}). */
    public long index() {
        return index;
    }

    /** 1-based count, {@code t} in the papers. */
    public long t() {
        return index + 1;
    }

    public double learningRate() {
        return learningRate;
    }

    /** The incoming gradient's summary, or null when no transform asked for one. */
    public GradientSummary gradient() {
        return gradient;
    }

    /** The step an inner optimiser sees, for wrappers; null otherwise. */
    public Step inner() {
        return inner;
    }

    /** Rule-specific scalar {@code i} computed by the optimiser that began this step. */
    public double scalar(int i) {
        return scalars[i];
    }
}
