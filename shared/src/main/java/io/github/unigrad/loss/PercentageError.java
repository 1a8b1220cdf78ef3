package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Mean absolute percentage error ({@code mape}): {@code L_i = (1/K) Σ_j c_j · 100 |x_ij - y_ij| / |y_ij|},
 * {@code ∂/∂x = 100 sign(x - y) / (K |y|)}, subgradient 0 at {@code x = y}.
 *
 * <p>Domain: any real prediction, a non-zero target (a target of 0 is rejected, naming the example, rather
 * than returning infinity). Identical to DL4J's LossMAPE (same formula, same sign convention at zero error);
 * Keras' {@code mean_absolute_percentage_error} divides by {@code max(|y|, 1e-7)} instead of rejecting 0.
 * Source: the forecasting literature, e.g. Hyndman &amp; Koehler (2006), "Another look at measures of
 * forecast accuracy".
 */
public final class PercentageError extends ElementwiseLoss {
    public PercentageError(double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, true);
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        double[] t = batch.targets();
        for (int k = 0; k < t.length; k++) {
            boolean nonZeroFinite = t[k] != 0 && Double.isFinite(t[k]);
            if (!nonZeroFinite && !isMasked(batch, k)) {
                throw outOfDomain(batch, k, "a non-zero target (the error is relative to it)");
            }
        }
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double d = x[xo + j] - y[yo + j];
            double scale = 100 / Math.abs(y[yo + j]);
            v[j] = scale * Math.abs(d);
            g[go + j] = scale * Math.signum(d);
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("mape"));
    }
}
