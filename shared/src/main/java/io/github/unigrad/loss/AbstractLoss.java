package io.github.unigrad.loss;

/**
 * The bookkeeping every loss shares: equality and printing by canonical spec, and the checks made
 * before any arithmetic (output sizes, target width, output masks, the targets' domain).
 * Subclasses implement {@link #compute} and, where the targets have a domain, {@link #checkTargets}.
 */
public abstract class AbstractLoss implements Loss {

    @Override
    public final void evaluate(LossBatch batch, double[] values, double[] gradient) {
        if (gradient != null && !isDifferentiable()) {
            throw new NotDifferentiableException(name() + " has no gradient to train with; train with a surrogate"
                    + " (hinge, log loss, cross-entropy) and use " + name() + " to score");
        }
        if (values == null || values.length != batch.rows()) {
            throw new IllegalArgumentException("values need one slot per example: " + batch.rows()
                    + ", got " + (values == null ? "null" : values.length));
        }
        if (gradient != null && gradient.length != batch.rows() * batch.cols()) {
            throw new IllegalArgumentException("gradient needs rows x cols = " + batch.rows() * batch.cols()
                    + " slots, got " + gradient.length);
        }
        int expected = targetCols(batch.cols());
        boolean indices = acceptsClassIndices() && batch.targetCols() == 1;
        if (batch.targetCols() != expected && !indices) {
            throw new IllegalArgumentException(name() + " takes " + expected + " target column"
                    + (expected == 1 ? "" : "s") + " for " + batch.cols() + " prediction column"
                    + (batch.cols() == 1 ? "" : "s") + (acceptsClassIndices() ? " (or 1 class index)" : "")
                    + "; got " + batch.targetCols());
        }
        if (batch.outputMask() != null && !supportsOutputMask()) {
            throw new IllegalArgumentException(name() + " couples the outputs of an example, so single outputs cannot be"
                    + " masked; mask whole examples with example weights instead");
        }
        checkTargets(batch);
        compute(batch, values, gradient);
    }

    /** Throws {@link IllegalArgumentException} for targets outside the loss's domain; nothing by default. */
    protected void checkTargets(LossBatch batch) {
    }

    /** The arithmetic, on a batch whose shape has been checked; {@code gradient} may be null. */
    protected abstract void compute(LossBatch batch, double[] values, double[] gradient);

    /** Rejects a target outside [low, high] (or NaN), naming the example and output. */
    protected final void requireTargetsIn(LossBatch batch, double low, double high, String domain) {
        double[] t = batch.targets();
        for (int k = 0; k < t.length; k++) {
            if (!(t[k] >= low && t[k] <= high)) {
                throw outOfDomain(batch, k, domain);
            }
        }
    }

    /** An error naming the example, output and value at flat target index {@code k}. */
    protected final IllegalArgumentException outOfDomain(LossBatch batch, int k, String domain) {
        int tc = batch.targetCols();
        return new IllegalArgumentException(name() + ": target of example " + k / tc + ", output " + k % tc
                + " is " + batch.targets()[k] + "; " + name() + " needs " + domain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Loss l && l.getClass() == getClass() && l.spec().equals(spec());
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
