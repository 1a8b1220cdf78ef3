package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Binary focal loss from logits ({@link InputForm#SIGMOID_LOGITS}), one independent binary problem per
 * output: with {@code p = σ(z)}, {@code ce = y softplus(-z) + (1 - y) softplus(z)} (the binary cross-entropy),
 * {@code 1 - p_t = p (1 - y) + (1 - p) y} and {@code α_t = α y + (1 - α)(1 - y)}:
 * {@code f = α_t (1 - p_t)^γ ce},
 * {@code ∂f/∂z = α_t [ γ (1 - p_t)^{γ-1} (1 - 2y) p (1 - p) ce + (1 - p_t)^γ (p - y) ]}.
 *
 * <p>{@code α ∈ [0, 1]} weighs the positive class, {@code α = -1} switches the weighting off
 * ({@code α_t = 1}); {@code γ ≥ 0} ({@code γ = 0, α = -1} is the binary cross-entropy). Stable for any logit:
 * {@code σ(-z)}, {@code σ(z)} and {@code softplus} are evaluated without cancellation, so the value is exact
 * where {@code 1 - p_t} underflows; where {@code 1 - p_t = 0} exactly the first gradient term is 0 (its limit).
 * Soft targets in [0, 1] are accepted (checked). Identical to torchvision's {@code sigmoid_focal_loss}
 * (per element, summed here over outputs) and Keras' {@code BinaryFocalCrossentropy(apply_class_balancing=True,
 * from_logits=True)} (which averages over outputs).
 * Source: Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV.
 */
public final class Focal extends ElementwiseLoss {
    private final double gamma;
    private final double alpha;

    public Focal(double gamma, double alpha, double[] outputWeights) {
        super(InputForm.SIGMOID_LOGITS, outputWeights, false);
        this.gamma = gamma;
        this.alpha = alpha;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireTargetsIn(batch, Range.UNIT, "targets in [0, 1]");
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double t = y[yo + j];
            double z = x[xo + j];
            double e = Math.exp(-Math.abs(z));
            double p = Numerics.sigmoid(z, e);
            double q = Numerics.sigmoid(-z, e);
            double ce = Numerics.log1p(e) + t * Math.max(-z, 0) + (1 - t) * Math.max(z, 0);
            double miss = p * (1 - t) + q * t;
            double a = alpha < 0 ? 1 : alpha * t + (1 - alpha) * (1 - t);
            double focus = Math.pow(miss, gamma);
            double dFocus = miss == 0 || gamma == 0 ? 0 : gamma * focus / miss * (1 - 2 * t) * p * q;
            v[j] = a * focus * ce;
            // p - y written as p(1 - y) - (1 - p) y: no cancellation where p rounds to 1
            g[go + j] = a * (dFocus * ce + focus * (p * (1 - t) - q * t));
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("focal").with("gamma", gamma).with("alpha", alpha));
    }
}
