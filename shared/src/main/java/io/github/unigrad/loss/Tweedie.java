package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Tweedie deviance with power {@code p}, the prediction being the mean {@code μ} (summed over outputs):
 * {@code d = 2 (max(y, 0)^{2-p} / ((1-p)(2-p)) - y μ^{1-p} / (1-p) + μ^{2-p} / (2-p))}, with the limits
 * {@code p = 0}: {@code (y - μ)²} (normal), {@code p = 1}: {@code 2 (y log(y/μ) - y + μ)} (Poisson),
 * {@code p = 2}: {@code 2 (log(μ/y) + y/μ - 1)} (gamma). Gradient, for every {@code p}:
 * {@code ∂d/∂μ = 2 μ^{-p} (μ - y)}.
 *
 * <p>Domain (checked, naming the example): {@code p ∈ (-inf, 0] ∪ [1, inf)} (no Tweedie distribution exists for
 * {@code 0 < p < 1}; rejected at parse time); {@code p = 0}: any {@code y, μ}; {@code p < 0}: {@code μ > 0};
 * {@code 1 ≤ p < 2}: {@code y ≥ 0, μ > 0}; {@code p ≥ 2}: {@code y > 0, μ > 0}. The prediction must be
 * positive: use an exp or softplus activation. Identical to scikit-learn's {@code mean_tweedie_deviance}
 * per element. Source: Jørgensen (1987), "Exponential dispersion models"; Tweedie (1984).
 */
public final class Tweedie extends ElementwiseLoss {
    private final double power;

    public Tweedie(double power, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, false);
        this.power = power;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        if (power == 0) {
            return;
        }
        requirePredictionsIn(batch, Range.POSITIVE, "a positive mean (use an exp or softplus output) for power "
                + Spec.formatNumber(power));
        if (power >= 2) {
            requireTargetsIn(batch, Range.POSITIVE, "targets > 0 for power " + Spec.formatNumber(power));
        } else if (power >= 1) {
            requireTargetsIn(batch, Range.NON_NEGATIVE, "targets >= 0 for power " + Spec.formatNumber(power));
        }
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        double p = power;
        for (int j = 0; j < n; j++) {
            double t = y[yo + j];
            double mu = x[xo + j];
            if (p == 0) {
                v[j] = (t - mu) * (t - mu);
            } else if (p == 1) {
                v[j] = 2 * (Numerics.xlogy(t, t / mu) - t + mu);
            } else if (p == 2) {
                v[j] = 2 * (Math.log(mu / t) + t / mu - 1);
            } else {
                // μ^{1-p} (μ/(2-p) - y/(1-p)): the last two terms with μ^{1-p} factored out, so that a huge mean
                // gives +inf rather than inf - inf
                v[j] = 2 * (Math.pow(Math.max(t, 0), 2 - p) / ((1 - p) * (2 - p))
                        + Math.pow(mu, 1 - p) * (mu / (2 - p) - t / (1 - p)));
            }
            g[go + j] = 2 * Math.pow(mu, -p) * (mu - t);
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("tweedie").with("power", power));
    }
}
