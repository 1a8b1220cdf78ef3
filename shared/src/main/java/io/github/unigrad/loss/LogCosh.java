package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Log-cosh: {@code f = log cosh(x - y)}, {@code f' = tanh(x - y)}; about {@code ½ d²} for small errors and
 * {@code |d| - log 2} for large ones, smooth everywhere. Computed as {@code |d| + log1p(e^{-2|d|}) - log 2},
 * which does not overflow where {@code cosh} would (|d| &gt; 710). Summed over outputs, or averaged with
 * {@code outputs=mean} (Keras' {@code log_cosh}; Optax's {@code log_cosh} is elementwise). Domain: any real values.
 * Source: e.g. Chen et al. (2019), "Log hyperbolic cosine loss improves variational auto-encoder"; Keras.
 */
public final class LogCosh extends ElementwiseLoss {
    private static final double LOG_2 = Math.log(2);

    public LogCosh(boolean meanOverOutputs, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, meanOverOutputs);
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double d = x[xo + j] - y[yo + j];
            double a = Math.abs(d);
            v[j] = a + Numerics.log1p(Math.exp(-2 * a)) - LOG_2;
            g[go + j] = Math.tanh(d);
        }
    }

    @Override
    public Spec spec() {
        return withWeights(withOutputs(Spec.of("log_cosh")));
    }
}
