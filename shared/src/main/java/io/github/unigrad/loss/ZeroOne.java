package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * The zero-one loss (misclassification indicator): {@code L_i = 1} when example {@code i} is misclassified,
 * else 0; its weighted mean ({@link Reduction#WEIGHTED_MEAN}) is the error rate.
 * <ul>
 *   <li>two or more outputs: the predicted class is the first largest output (argmax, the same on logits,
 *       probabilities or margins); the true class is the class index (targetCols 1) or the first largest
 *       entry of the dense target row;</li>
 *   <li>one output: the prediction is positive when {@code x > threshold}, the target when
 *       {@code y > threshold} (0/1 targets with probabilities: 0.5; ±1 targets with margins: 0).</li>
 * </ul>
 * It is piecewise constant, so it has no useful gradient: {@link #isDifferentiable()} is false and asking for
 * a gradient throws {@link NotDifferentiableException}, naming the surrogates to train with (hinge, log loss,
 * cross-entropy). Use it to score and evaluate. Single outputs cannot be masked. A NaN prediction or target
 * scores NaN (not a silent 0 or 1). Source: the classification
 * error of statistical decision theory; Tribuo reports it as 1 - accuracy.
 */
public final class ZeroOne extends AbstractLoss {
    private final double threshold;

    public ZeroOne(double threshold) {
        super(InputForm.VALUES, true);
        this.threshold = threshold;
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        if (ClassTargets.indices(batch)) {
            ClassTargets.check(this, batch, ClassTargets.NONE);
        }
    }

    @Override
    protected void compute(LossBatch b, double[] values, double[] gradient) {
        int k = b.cols();
        double[] x = b.predictions();
        double[] y = b.targets();
        int tc = b.targetCols();
        for (int i = 0; i < b.rows(); i++) {
            boolean wrong;
            if (k == 1) {
                wrong = x[i] > threshold != y[i] > threshold;
            } else {
                wrong = Numerics.argmax(x, i * k, k) != ClassTargets.trueClass(b, i);
            }
            double w = b.weight(i);
            // the comparisons skip a NaN; a NaN prediction or target makes the example's score NaN instead
            double nan = Numerics.nanOrZero(x, i * k, k) + Numerics.nanOrZero(y, i * tc, tc);
            values[i] = w == 0 ? 0 : (wrong ? w : 0) + nan;
        }
    }

    @Override
    public Spec spec() {
        return Spec.of("zero_one").with("threshold", threshold);
    }
}
