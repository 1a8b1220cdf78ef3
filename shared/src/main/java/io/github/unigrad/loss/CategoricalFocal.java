package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Categorical focal cross-entropy on probabilities ({@link InputForm#PROBABILITIES}, e.g. a softmax layer's
 * output): with {@code p' = clip(p, c, 1 - c)},
 * {@code L_i = Σ_j c_j α y_ij (1 - p'_ij)^γ (-log p'_ij)},
 * {@code ∂/∂p = c_j α y [γ (1 - p')^{γ-1} log p' - (1 - p')^γ / p']} (the derivative at the clipped probability,
 * not zeroed where the clip is active, as {@code categorical_cross_entropy}). {@code γ = 0, α = 1} is
 * {@code categorical_cross_entropy}. Terms with {@code y = 0} are 0. Summed over outputs (Keras) or averaged with
 * {@code outputs=mean}.
 *
 * <p>Keras' {@code categorical_focal_crossentropy} (alpha 0.25, gamma 2, {@code from_logits=False}) is
 * {@code categorical_focal(gamma=2, alpha=0.25, clip=1e-7)} on outputs that sum to 1 (Keras first divides
 * {@code p} by its sum). From logits, prefer {@code softmax_focal}. Domain: targets and probabilities in [0, 1]
 * (checked, naming the example).
 * Source: Lin et al. (2017), "Focal Loss for Dense Object Detection"; Keras' {@code CategoricalFocalCrossentropy}.
 */
public final class CategoricalFocal extends ElementwiseLoss {
    private final double gamma;
    private final double alpha;
    private final double clip;

    public CategoricalFocal(double gamma, double alpha, double clip, boolean meanOverOutputs, double[] classWeights) {
        super(InputForm.PROBABILITIES, classWeights, meanOverOutputs);
        this.gamma = gamma;
        this.alpha = alpha;
        this.clip = clip;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireTargetsIn(batch, Range.UNIT, "targets in [0, 1] (one-hot or probabilities)");
        requirePredictionsIn(batch, Range.UNIT, "probabilities in [0, 1] (use a softmax output, or softmax_focal on"
                + " logits)");
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double t = y[yo + j];
            if (t == 0) {
                v[j] = 0;
                g[go + j] = 0;
                continue;
            }
            double p = Numerics.clip(x[xo + j], clip, 1 - clip) + 0.0; // + 0.0: -0 is 0, so 1/p is +inf there
            double miss = 1 - p;
            double log = Math.log(p);
            double focus = Math.pow(miss, gamma);
            double dFocus = gamma == 0 || log == 0 ? 0 : gamma * Math.pow(miss, gamma - 1) * log;
            v[j] = -alpha * t * focus * log;
            g[go + j] = alpha * t * (dFocus - focus / p);
        }
    }

    @Override
    public Spec spec() {
        return withWeights(withOutputs(Spec.of("categorical_focal").with("gamma", gamma).with("alpha", alpha)
                .with("clip", clip)));
    }
}
