package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Mean squared logarithmic error ({@code msle}):
 * {@code L_i = (1/K) Σ_j c_j (log(1 + x_ij) - log(1 + y_ij))²},
 * {@code ∂/∂x = 2 (log(1 + x) - log(1 + y)) / (K (1 + x))}.
 *
 * <p>Domain: targets and predictions {@code > -1}, both checked, naming the example (DL4J returns NaN for a
 * prediction at or below -1; use an activation such as softplus or ReLU). DL4J's LossMSLE computes the
 * same formula as {@code log((1 + x)/(1 + y))}; this class uses {@code log1p(x) - log1p(y)}, which agrees to
 * rounding and stays accurate for small values. Keras' {@code mean_squared_logarithmic_error} clips
 * predictions and targets at {@code 1e-7} from below instead. Source: e.g. the Kaggle / Keras usage for
 * targets spanning orders of magnitude.
 */
public final class SquaredLogError extends ElementwiseLoss {
    private static final Range ABOVE_MINUS_ONE = Range.greaterThan(-1);

    public SquaredLogError(double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, true);
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireTargetsIn(batch, ABOVE_MINUS_ONE, "targets > -1");
        requirePredictionsIn(batch, ABOVE_MINUS_ONE, "predictions > -1 (use an activation such as softplus or ReLU)");
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double d = Math.log1p(x[xo + j]) - Math.log1p(y[yo + j]);
            v[j] = d * d;
            g[go + j] = 2 * d / (1 + x[xo + j]);
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("msle"));
    }
}
