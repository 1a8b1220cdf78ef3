package io.github.unigrad.optim;

/**
 * The scalars of one optimiser step, computed once before the pass over the parameters: the
 * 0-based step index, the learning rate, and (when the optimiser asked for it) the global norm of
 * the incoming gradient and whether it was finite. Wrappers (accumulation, lookahead) keep the
 * step their inner optimiser sees in {@link #inner()}.
 */
public final class Step {
    private final long index;
    private final double learningRate;
    private final GradientSummary gradient;
    private final Step inner;

    public Step(long index, double learningRate, GradientSummary gradient, Step inner) {
        this.index = index;
        this.learningRate = learningRate;
        this.gradient = gradient;
        this.inner = inner;
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
}
