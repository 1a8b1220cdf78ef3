package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Categorical cross-entropy on probabilities ({@link InputForm#PROBABILITIES}: the output of a softmax or
 * any other activation): {@code L_i = -Σ_j c_j y_ij log p'_ij} with {@code p' = clip(p, c, 1 - c)},
 * {@code ∂/∂p = -c_j y / p'} (the derivative at the clipped probability, not zeroed where the clip is active,
 * as DL4J does). Terms with {@code y = 0} are 0 whatever {@code p}.
 *
 * <p>This is DL4J's LossMCXENT / LossNegativeLogLikelihood for an activation that is <em>not</em> fused:
 * DL4J clips at {@code 1e-10} only when the activation is softmax, so {@code clip=1e-10} (the default)
 * reproduces MCXENT + softmax when the plugin applies the softmax, and {@code clip=0} reproduces MCXENT with
 * any other activation. Prefer {@code softmax_cross_entropy} (from logits) with a softmax output: it is
 * exact where probabilities underflow. Domain: targets and probabilities in [0, 1] (both checked, naming the example:
 * a probability outside [0, 1], or NaN, is an error, whatever the clip). Source: Shannon's cross-entropy;
 * the multinomial likelihood.
 */
public final class CategoricalCrossEntropy extends ElementwiseLoss {
    private final double clip;

    public CategoricalCrossEntropy(double clip, boolean meanOverOutputs, double[] classWeights) {
        super(InputForm.PROBABILITIES, classWeights, meanOverOutputs);
        this.clip = clip;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireTargetsIn(batch, Range.UNIT, "targets in [0, 1] (one-hot or probabilities)");
        requirePredictionsIn(batch, Range.UNIT, "probabilities in [0, 1] (use a softmax output, or softmax_cross_entropy"
                + " on logits)");
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double t = y[yo + j];
            double p = Numerics.clip(x[xo + j], clip, 1 - clip);
            v[j] = -Numerics.xlogy(t, p);
            g[go + j] = t == 0 ? 0 : -t / p;
        }
    }

    @Override
    public Spec spec() {
        return withWeights(withOutputs(Spec.of("categorical_cross_entropy").with("clip", clip)));
    }
}
