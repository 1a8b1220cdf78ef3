package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Quantile (pinball) loss for one or several quantiles {@code τ_1..τ_Q} (each in (0, 1)): with
 * {@code d = y - x}, {@code ρ_τ(d) = τ d} for {@code d ≥ 0} and {@code (τ - 1) d} for {@code d < 0}, i.e.
 * {@code max(τ d, (τ - 1) d)}; {@code ∂/∂x = -τ} below the target, {@code 1 - τ} above it, and the subgradient
 * {@code 0} at {@code x = y} (which lies in {@code [-τ, 1 - τ]}; for {@code τ = ½} it is half the MAE's).
 *
 * <p>Layout: with K targets per example and Q quantiles the predictions have {@code K·Q} columns, target
 * major: column {@code k·Q + q} predicts quantile {@code τ_q} of target {@code k}. {@code weights} are per
 * prediction column. Summed over columns. Domain: any real values. Source: Koenker &amp; Bassett (1978),
 * "Regression quantiles", Econometrica. Neither DL4J nor Tribuo ships it.
 */
public final class Quantile extends ElementwiseLoss {
    private final double[] quantiles;

    public Quantile(double[] quantiles, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, false);
        this.quantiles = quantiles.clone();
    }

    @Override
    public int targetCols(int predictionCols) {
        return predictionCols / quantiles.length;
    }

    @Override
    protected void checkShape(LossBatch batch) {
        if (batch.cols() % quantiles.length != 0) {
            throw new IllegalArgumentException(name() + " with " + quantiles.length + " quantiles needs a multiple of "
                    + quantiles.length + " prediction columns (one per target per quantile), got " + batch.cols());
        }
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        int q = quantiles.length;
        for (int j = 0; j < n; j++) {
            double tau = quantiles[j % q];
            double d = y[yo + j / q] - x[xo + j];
            v[j] = d >= 0 ? tau * d : (tau - 1) * d;
            g[go + j] = d > 0 ? -tau : d < 0 ? 1 - tau : d - d; // d - d: 0 at the kink, NaN for a NaN d
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("quantile").with("quantiles", quantiles));
    }
}
