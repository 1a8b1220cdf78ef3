package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

import java.util.Arrays;

/**
 * Softmax cross-entropy from logits ({@link InputForm#SOFTMAX_LOGITS}): with {@code log p = z - logsumexp(z)},
 * per-class weights {@code c_j} and the (label-smoothed) target distribution
 * {@code q_j = (1 - ε) y_j + ε/K}: {@code L_i = -Σ_j c_j q_j log p_j},
 * {@code ∂L_i/∂z_k = p_k Σ_j c_j q_j - c_k q_k} ({@code = p - y} for one-hot targets without weights).
 *
 * <p>Targets are dense (one-hot or probabilities, K columns, entries in [0, 1]) or one class index per
 * example (targetCols 1; a whole number in [0, K), or {@code ignoreIndex}, whose examples contribute 0).
 * The log-probabilities are never formed as {@code log(softmax)}: logits of ±1e4 give the exact, finite
 * value (e.g. {@code 2e4} for a confident wrong answer) and gradient. Outputs of one example are coupled, so
 * single outputs cannot be masked (mask whole examples with example weights), as DL4J refuses too.
 *
 * <p>Matches DL4J's LossMCXENT + softmax (dense targets, per-class weights: the same weighted gradient
 * {@code p Σ c y - c y}) and LossSparseMCXENT (indices) without their {@code 1e-10} clipping of the score
 * (so they differ only where a probability is below {@code 1e-10}); Tribuo's LogMulticlass (which returns
 * {@code y - p}, the negated gradient, and logs {@code log p_y}); PyTorch's {@code CrossEntropyLoss(weight,
 * label_smoothing, ignore_index)} per example (its "mean" with class weights divides by {@code Σ c_{y_i}}: pass
 * {@code c_{y_i}} as example weights and use {@link Reduction#WEIGHTED_MEAN} for that); Keras'
 * {@code CategoricalCrossentropy(from_logits=True, label_smoothing)}. Source: Bridle (1990), softmax;
 * label smoothing from Szegedy et al. (2016), "Rethinking the Inception Architecture".
 */
public final class SoftmaxCrossEntropy extends RowLoss {
    private final double[] classWeights;
    private final double labelSmoothing;
    private final int ignoreIndex;

    public SoftmaxCrossEntropy(double[] classWeights, double labelSmoothing, int ignoreIndex) {
        super(InputForm.SOFTMAX_LOGITS, true);
        this.classWeights = classWeights == null ? null : classWeights.clone();
        this.labelSmoothing = labelSmoothing;
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireWeightCount(classWeights, batch.cols(), "class");
        ClassTargets.check(this, batch, ignoreIndex);
    }

    @Override
    protected int scratchSize(int cols) {
        return cols;
    }

    /**
     * The softmax goes straight into the gradient row; the targets are read in place when there are
     * neither class weights nor smoothing (DL4J's LossMCXENT and LossSparseMCXENT, Tribuo's
     * LogMulticlass), else their weighted, smoothed distribution {@code c_j q_j} is built in the scratch.
     */
    @Override
    protected double row(LossBatch b, int i, double[] g, int go, double[] scratch) {
        int k = b.cols();
        double[] z = b.predictions();
        double[] t = b.targets();
        int o = i * k;
        boolean plain = classWeights == null && labelSmoothing == 0;
        if (plain && ClassTargets.indices(b)) {
            int c = (int) t[i];
            if (c == ignoreIndex) {
                Arrays.fill(g, go, go + k, 0.0);
                return 0;
            }
            double lse = Numerics.softmax(z, o, k, g, go);
            g[go + c] -= 1;
            return lse - z[o + c];
        }
        if (plain) {
            return fromSoftmax(z, o, t, o, Numerics.softmax(z, o, k, g, go), g, go, k);
        }
        if (!ClassTargets.distribution(b, i, ignoreIndex, labelSmoothing, scratch)) {
            Arrays.fill(g, go, go + k, 0.0);
            return 0;
        }
        if (classWeights != null) {
            for (int j = 0; j < k; j++) {
                scratch[j] *= classWeights[j];
            }
        }
        return fromSoftmax(z, o, scratch, 0, Numerics.softmax(z, o, k, g, go), g, go, k);
    }

    /**
     * Given the softmax {@code p} in {@code g[go..go+k)} and the weighted target distribution
     * {@code w_j = c_j q_j} in {@code w[wo..wo+k)}: returns {@code -Σ_j w_j log p_j} (with
     * {@code log p_j = z_j - lse}, and no term where {@code w_j = 0}) and overwrites {@code g} with
     * {@code (Σ_j w_j) p - w}.
     */
    private static double fromSoftmax(double[] z, int o, double[] w, int wo, double lse, double[] g, int go, int k) {
        double total = 0;
        double value = 0;
        for (int j = 0; j < k; j++) {
            double cq = w[wo + j];
            total += cq;
            if (cq != 0) {
                value -= cq * (z[o + j] - lse);
            }
        }
        for (int j = 0; j < k; j++) {
            g[go + j] = total * g[go + j] - w[wo + j];
        }
        return value + Numerics.nanOrZero(lse); // NaN when a logit is, even if no term has a weight (an all-zero row)
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("softmax_cross_entropy"), classWeights).with("labelSmoothing", labelSmoothing)
                .with("ignoreIndex", ignoreIndex);
    }
}
