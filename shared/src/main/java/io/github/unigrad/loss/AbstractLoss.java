package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * The bookkeeping every loss shares: equality and printing by canonical spec, and the checks made
 * before any arithmetic (output sizes, target width, output masks, the targets' domain).
 * Subclasses implement {@link #compute} and, where the targets have a domain, {@link #checkTargets}.
 *
 * <p>Domain checks skip what is masked (an example of weight 0, an output whose mask is 0): padding in a
 * masked time series may hold any value.
 */
public abstract class AbstractLoss extends SpecIdentified implements Loss {
    private final InputForm inputForm;
    private final boolean classScores;

    /** A loss whose outputs are independent values (each may be masked, targets have the predictions' width). */
    protected AbstractLoss(InputForm inputForm) {
        this(inputForm, false);
    }

    /**
     * @param classScores the outputs of an example are scores of its classes, read together (softmax, argmax):
     *                    the targets may be one class index per example, and single outputs cannot be masked
     */
    protected AbstractLoss(InputForm inputForm, boolean classScores) {
        this.inputForm = inputForm;
        this.classScores = classScores;
    }

    @Override
    public final InputForm inputForm() {
        return inputForm;
    }

    @Override
    public boolean acceptsClassIndices() {
        return classScores;
    }

    @Override
    public boolean supportsOutputMask() {
        return !classScores;
    }

    /** What in this loss has no gradient, for the message when one is asked for: the loss itself by default. */
    protected String notDifferentiablePart() {
        return name();
    }

    @Override
    public final void evaluate(LossBatch batch, double[] values, double[] gradient) {
        if (gradient != null && !isDifferentiable()) {
            String part = notDifferentiablePart();
            throw new NotDifferentiableException(part + " has no gradient to train with; train with a surrogate"
                    + " (hinge, log loss, cross-entropy) and use " + part + " to score");
        }
        if (values == null || values.length != batch.rows()) {
            throw new IllegalArgumentException("values need one slot per example: " + batch.rows()
                    + ", got " + (values == null ? "null" : values.length));
        }
        if (gradient != null && gradient.length != batch.rows() * batch.cols()) {
            throw new IllegalArgumentException("gradient needs rows x cols = " + batch.rows() * batch.cols()
                    + " slots, got " + gradient.length);
        }
        checkShape(batch);
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

    /** Throws {@link IllegalArgumentException} when the loss cannot take this many prediction columns; nothing by default. */
    protected void checkShape(LossBatch batch) {
    }

    /**
     * Throws {@link IllegalArgumentException} for targets outside the loss's domain (and predictions, for the few
     * losses that are undefined outside theirs: tweedie's positive mean, gaussian_nll's variance); nothing by default.
     */
    protected void checkTargets(LossBatch batch) {
    }

    /** The arithmetic, on a batch whose shape has been checked; {@code gradient} may be null. */
    protected abstract void compute(LossBatch batch, double[] values, double[] gradient);

    /**
     * Rejects a target outside {@code range} (or NaN), naming the example and output. Targets must be
     * aligned with the predictions (targetCols = cols); masked entries are not checked.
     */
    protected final void requireTargetsIn(LossBatch batch, Range range, String domain) {
        double[] t = batch.targets();
        if (allIn(t, range)) {
            return;
        }
        for (int k = 0; k < t.length; k++) {
            if (!range.contains(t[k]) && !isMasked(batch, k)) {
                throw outOfDomain(batch, k, domain);
            }
        }
    }

    /**
     * Rejects a prediction outside {@code range} (or NaN), naming the example, output and value: a loss defined on
     * a domain never returns a value and a gradient computed outside it (which would disagree, or hide a NaN).
     */
    protected final void requirePredictionsIn(LossBatch batch, Range range, String domain) {
        double[] x = batch.predictions();
        if (allIn(x, range)) {
            return;
        }
        int cols = batch.cols();
        for (int k = 0; k < x.length; k++) {
            if (!range.contains(x[k]) && !isMasked(batch, k)) {
                throw new IllegalArgumentException(name() + ": prediction of example " + (batch.firstRow() + k / cols) + ", output "
                        + k % cols + " is " + x[k] + "; " + name() + " needs " + domain);
            }
        }
    }

    /**
     * Whether every value of {@code a} lies in {@code range} (no NaN): its minimum and maximum do, an interval being
     * convex. One branch-free pass ({@link Math#min} and {@link Math#max} keep NaN); only when it fails do the callers
     * look, entry by entry, for an unmasked culprit (masked padding may lie outside the domain).
     */
    private static boolean allIn(double[] a, Range range) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return a.length == 0 || range.contains(min) && range.contains(max);
    }

    /** Whether flat index {@code k} of an array shaped like the predictions is masked (or of a weight-0 example). */
    protected static boolean isMasked(LossBatch batch, int k) {
        double[] mask = batch.outputMask();
        return batch.weight(k / batch.cols()) == 0 || mask != null && mask[k] == 0;
    }

    /** Rejects per-output (per-class) weights whose count does not match the batch's prediction columns. */
    protected final void requireWeightCount(double[] weights, int count, String what) {
        if (weights != null && weights.length != count) {
            throw new IllegalArgumentException(name() + " has " + weights.length + " " + what + " weights but the batch has "
                    + count + " " + what + " column" + (count == 1 ? "" : "s"));
        }
    }

    /** The spec with {@code weights=[...]} added when there are weights (null: none, printed as nothing). */
    protected static Spec withWeights(Spec spec, double[] weights) {
        return weights == null ? spec : spec.with("weights", weights);
    }

    /** An error naming the example, output and value at flat target index {@code k}. */
    protected final IllegalArgumentException outOfDomain(LossBatch batch, int k, String domain) {
        int tc = batch.targetCols();
        return new IllegalArgumentException(name() + ": target of example " + (batch.firstRow() + k / tc) + ", output " + k % tc
                + " is " + batch.targets()[k] + "; " + name() + " needs " + domain);
    }
}
