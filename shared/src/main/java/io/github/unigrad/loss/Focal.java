package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Binary focal loss, one independent binary problem per output, from logits ({@code fromLogits=true},
 * {@link InputForm#SIGMOID_LOGITS}, the default) or from probabilities ({@code fromLogits=false}).
 * From logits: with {@code p = σ(z)}, {@code ce = y softplus(-z) + (1 - y) softplus(z)} (the binary cross-entropy),
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
 * from_logits=True)} with {@code outputs=mean}.
 *
 * <p>From probabilities ({@link InputForm#PROBABILITIES}), Keras' formula: {@code p' = clip(p, c, 1 - c)},
 * {@code ce = -y log p' - (1 - y) log(1 - p')} on the clipped probability, the focusing factor
 * {@code (1 - p_t)^γ} with {@code 1 - p_t = y (1 - p) + (1 - y) p} on the unclipped one:
 * {@code ∂f/∂p = α_t [γ (1 - p_t)^{γ-1} (1 - 2y) ce + (1 - p_t)^γ (-y/p' + (1 - y)/(1 - p'))]} (like
 * {@code binary_cross_entropy}, not zeroed where the clip is active). Keras' {@code binary_focal_crossentropy}
 * is {@code focal(gamma=2, alpha=-1, fromLogits=false, clip=1e-7, outputs=mean)}.
 * Source: Lin et al. (2017), "Focal Loss for Dense Object Detection", ICCV.
 */
public final class Focal extends ElementwiseLoss {
    private final double gamma;
    private final double alpha;
    private final boolean fromLogits;
    private final double clip;

    /** {@code clip} applies to probabilities only ({@code fromLogits=false}). */
    public Focal(double gamma, double alpha, boolean fromLogits, double clip, boolean meanOverOutputs,
                 double[] outputWeights) {
        super(fromLogits ? InputForm.SIGMOID_LOGITS : InputForm.PROBABILITIES, outputWeights, meanOverOutputs);
        this.gamma = gamma;
        this.alpha = alpha;
        this.fromLogits = fromLogits;
        this.clip = clip;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireTargetsIn(batch, Range.UNIT, "targets in [0, 1]");
        if (!fromLogits) {
            requirePredictionsIn(batch, Range.UNIT, "probabilities in [0, 1] (fromLogits=false)");
        }
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        if (!fromLogits) {
            probabilities(y, yo, x, xo, v, g, go, n);
            return;
        }
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

    private void probabilities(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double t = y[yo + j];
            double p = x[xo + j] + 0.0; // + 0.0: -0 is 0, so 1/p is +inf there
            double pc = Numerics.clip(p, clip, 1 - clip);
            double ce = -Numerics.xlogy(t, pc) - Numerics.xlogy(1 - t, 1 - pc);
            double dCe = (t == 1 ? 0 : (1 - t) / (1 - pc)) - (t == 0 ? 0 : t / pc);
            double miss = t * (1 - p) + (1 - t) * p;
            double a = alpha < 0 ? 1 : alpha * t + (1 - alpha) * (1 - t);
            double focus = Math.pow(miss, gamma);
            double dFocus = miss == 0 || gamma == 0 ? 0 : gamma * focus / miss * (1 - 2 * t);
            v[j] = a * focus * ce;
            // at p' = 0 or 1 (clip 0) ce is infinite and its 1/p' slope outgrows the log: the derivative is ±inf
            g[go + j] = a * (Double.isInfinite(ce) ? focus * dCe : dFocus * ce + focus * dCe);
        }
    }

    @Override
    public Spec spec() {
        Spec spec = Spec.of("focal").with("gamma", gamma).with("alpha", alpha);
        return withWeights(withOutputs(fromLogits ? spec : spec.with("fromLogits", false).with("clip", clip)));
    }
}
