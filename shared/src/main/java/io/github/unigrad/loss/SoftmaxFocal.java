package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Multi-class focal loss from logits ({@link InputForm#SOFTMAX_LOGITS}): with {@code p = softmax(z)},
 * per-class weights {@code c_j} (the multi-class {@code α}) and target distribution {@code q}:
 * {@code L_i = -Σ_j c_j q_j (1 - p_j)^γ log p_j}. With
 * {@code A_j = γ (1 - p_j)^{γ-1} p_j log p_j - (1 - p_j)^γ}:
 * {@code ∂L_i/∂z_k = c_k q_k A_k - p_k Σ_j c_j q_j A_j}; {@code γ = 0} is {@code softmax_cross_entropy}.
 *
 * <p>Targets: dense (one-hot or probabilities) or one class index per example. Stable for any logits:
 * {@code log p = z - logsumexp(z)} and {@code 1 - p = -expm1(log p)} (no cancellation as {@code p → 1});
 * where {@code 1 - p_j = 0} exactly the {@code γ} term is 0 (its limit). Single outputs cannot be masked.
 * Matches Keras' {@code CategoricalFocalCrossentropy(alpha=c, gamma, from_logits=True)} (summed over
 * classes) and the multi-class form of Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV.
 */
public final class SoftmaxFocal extends RowLoss {
    private final double gamma;
    private final double[] classWeights;

    public SoftmaxFocal(double gamma, double[] classWeights) {
        super(InputForm.SOFTMAX_LOGITS, true);
        this.gamma = gamma;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireWeightCount(classWeights, batch.cols(), "class");
        ClassTargets.check(this, batch, ClassTargets.NONE);
    }

    @Override
    protected int scratchSize(int cols) {
        return 2 * cols;
    }

    @Override
    protected double row(LossBatch b, int i, double[] g, int go, double[] scratch) {
        int k = b.cols();
        // scratch[0, k): q_j, then c_j q_j A_j; scratch[k, 2k): p_j; log p_j = z_j - lse
        ClassTargets.distribution(b, i, ClassTargets.NONE, 0, scratch);
        double[] z = b.predictions();
        int o = i * k;
        double lse = Numerics.softmax(z, o, k, scratch, k);
        double value = 0;
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double cq = classWeights == null ? scratch[j] : classWeights[j] * scratch[j];
            double logP = z[o + j] - lse;
            double miss = -Math.expm1(logP);
            double focus = Math.pow(miss, gamma);
            double a = (miss == 0 || gamma == 0 ? 0 : gamma * focus / miss * scratch[k + j] * logP) - focus;
            if (cq != 0) {
                value -= cq * focus * logP;
            }
            scratch[j] = cq * a;
            sum += cq * a;
        }
        for (int j = 0; j < k; j++) {
            g[go + j] = scratch[j] - scratch[k + j] * sum;
        }
        return value + Numerics.nanOrZero(lse); // NaN when a logit is, even if no term has a weight (an all-zero row)
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("softmax_focal").with("gamma", gamma), classWeights);
    }
}
