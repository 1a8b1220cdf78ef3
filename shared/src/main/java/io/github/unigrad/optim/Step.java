package io.github.unigrad.optim;

/**
 * The scalars of one optimiser step, computed once before the pass over the parameters: the
 * 0-based step index, the learning rate, (when the optimiser asked for it) the global norm of
 * the incoming gradient and whether it was finite, and any rule-specific scalars the optimiser
 * derived from those (Schedule-Free's averaging weight, a wrapper's "this step is a boundary" flag).
 * Wrappers (accumulation, lookahead) keep the step their inner optimiser sees in {@link #inner()}.
 *
 * <p>A {@link Chain}'s step also carries each transform's per-step coefficients
 * ({@link Transform#coefficients(Step)}), computed once in {@link Chain#begin} as Optax computes them
 * from {@code count} in {@code update}, and handed to every pass over the parameters.
 */
public final class Step {
    private static final double[] NONE = new double[0];

    private final long index;
    private final double learningRate;
    private final GradientSummary gradient;
    private final Step inner;
    private final double[] scalars;
    private final Object[] coefficients;

    /**
     * @param scalars rule-specific values computed in {@code begin}, read back with {@link #scalar(int)}
     */
    public Step(long index, double learningRate, GradientSummary gradient, Step inner, double... scalars) {
        this.index = index;
        this.learningRate = learningRate;
        this.gradient = gradient;
        this.inner = inner;
        this.scalars = scalars.length == 0 ? NONE : scalars.clone();
        this.coefficients = null;
    }

    /** This step carrying {@code coefficients[i]}, transform i's per-step coefficients (for {@link Chain}). */
    private Step(Step step, Object[] coefficients) {
        this.index = step.index;
        this.learningRate = step.learningRate;
        this.gradient = step.gradient;
        this.inner = step.inner;
        this.scalars = step.scalars;
        this.coefficients = coefficients;
    }

    Step withCoefficients(Object[] coefficients) {
        return new Step(this, coefficients);
    }

    /** Transform {@code i}'s coefficients, as its chain's {@code begin} computed them. */
    Object coefficients(int i) {
        return coefficients[i];
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
