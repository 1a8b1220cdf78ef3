package io.github.unigrad.loss;

import io.github.unigrad.spec.SpecDescribed;

/**
 * A loss function over a minibatch. One call computes, for every example {@code i}, its weighted
 * value {@code w_i · L_i} and, when asked, the gradient of {@code Σ_i w_i L_i} with respect to the
 * predictions, in one pass.
 *
 * <p>Conventions (the plugins translate them to their framework's):
 * <ul>
 *   <li>values are to be minimised and are {@code ≥ 0} unless the loss's Javadoc says otherwise;</li>
 *   <li>the gradient has the positive sign (dL/dx, the direction of steepest ascent of the loss)
 *       and is of the <em>sum</em> over examples, not the mean (see {@link Reduction#scale});</li>
 *   <li>masked outputs and examples of weight 0 contribute neither value nor gradient;</li>
 *   <li>the predictions are of the {@link #inputForm()} the loss declares.</li>
 * </ul>
 * A loss is immutable and thread-safe; two losses are equal when their canonical specs are.
 */
public interface Loss extends SpecDescribed {

    /** The catalogue name, e.g. {@code huber}. */
    default String name() {
        return spec().name();
    }

    /**
     * How many prediction columns the loss's per-output (or per-class) hyperparameters fix, the length of its
     * {@code weights=[...]} by default, or 0 when they fix none. A host that checks a loss on a probe example
     * before training (Tribuo's objectives) gives the probe this many outputs.
     */
    default int fixedOutputs() {
        return spec().named().get("weights") instanceof java.util.List<?> list ? list.size() : 0;
    }

    /** What the predictions are (logits for a softmax, probabilities, plain values). */
    InputForm inputForm();

    /** False for losses that can score but not train (zero-one). */
    default boolean isDifferentiable() {
        return true;
    }

    /**
     * True when an example's value depends on the other examples of the batch (batch RMSE). The
     * per-example values then still sum to the batch's total, but are not independent.
     */
    default boolean isBatchCoupled() {
        return false;
    }

    /** How many target columns the loss takes for {@code predictionCols} predictions (usually the same). */
    default int targetCols(int predictionCols) {
        return predictionCols;
    }

    /** True when the loss also takes one class index per example as its target (targetCols 1). */
    default boolean acceptsClassIndices() {
        return false;
    }

    /** False when outputs of one example are coupled (softmax) so that masking single outputs is meaningless. */
    default boolean supportsOutputMask() {
        return true;
    }

    /**
     * Computes the weighted per-example values into {@code values} (length rows) and, if
     * {@code gradient} is not null, the gradient of their sum into it (length rows × cols). Checks the
     * batch's shape and the targets' domain first and throws {@link IllegalArgumentException} naming
     * the offending example and value.
     *
     * @throws NotDifferentiableException if a gradient is asked of a loss that is not differentiable
     */
    void evaluate(LossBatch batch, double[] values, double[] gradient);

    /** Convenience: allocates the outputs and evaluates. */
    default LossResult compute(LossBatch batch, boolean withGradient) {
        double[] values = new double[batch.rows()];
        double[] gradient = withGradient ? new double[batch.rows() * batch.cols()] : null;
        evaluate(batch, values, gradient);
        return new LossResult(batch, values, gradient);
    }
}
