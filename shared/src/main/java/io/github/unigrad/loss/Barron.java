package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Barron's general and adaptive robust loss, with shape {@code α} and scale {@code c > 0}, on
 * {@code d = x - y}, {@code z = (d/c)²}, summed over outputs:
 * {@code ρ = |α-2|/α · ((z/|α-2| + 1)^{α/2} - 1)}, {@code ∂ρ/∂x = (d/c²) (z/|α-2| + 1)^{α/2 - 1}},
 * with the limits {@code α = 2}: {@code ½ z} (L2); {@code α = 0}: {@code log(½ z + 1)} (Cauchy);
 * {@code α = -inf}: {@code 1 - e^{-z/2}} (Welsch); {@code α = +inf}: {@code e^{z/2} - 1}. {@code α = 1} is the
 * pseudo-Huber / Charbonnier loss {@code √(z + 1) - 1}, {@code α = -2} Geman–McClure.
 *
 * <p>The general case is evaluated as {@code expm1((α/2) l)} with {@code l = log1p(z/|α-2|)}, accurate for small
 * residuals, and the gradient as {@code (r e^{(α/2-1) l}) / c} with {@code r = d/c}; the special values of {@code α}
 * use their closed forms (Cauchy's gradient as {@code 2 / (r + 2/r) / c}). No intermediate overflows: where
 * {@code z} does (|d/c| above about 1e154), {@code l} is taken as {@code 2 log|r| - log|α-2|}, so {@code α = 1} at
 * {@code d = 1e200} gives {@code ρ = 1e200 - 1} and {@code ρ' = 1}, Cauchy {@code log(½ 1e400)} and {@code 2e-200};
 * a value is infinite only where the true one exceeds the double range. Smooth everywhere (no kink). Domain: any real
 * values. Source: Barron (2019), "A General and Adaptive Robust Loss Function", CVPR (eq. 1, 8).
 */
public final class Barron extends ElementwiseLoss {
    private final double alpha;
    private final double scale;

    public Barron(double alpha, double scale, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, false);
        this.alpha = alpha;
        this.scale = scale;
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        double c = scale;
        double b = Math.abs(alpha - 2);
        for (int j = 0; j < n; j++) {
            double r = (x[xo + j] - y[yo + j]) / c;
            double z = r * r;
            if (alpha == 2) {
                v[j] = 0.5 * z;
                g[go + j] = r / c;
            } else if (alpha == 0) {
                v[j] = log1pSquare(r, z, 2);
                g[go + j] = 2 / (r + 2 / r) / c;
            } else if (alpha == Double.NEGATIVE_INFINITY) {
                v[j] = -Math.expm1(-0.5 * z);
                g[go + j] = r * Math.exp(-0.5 * z) / c;
            } else if (alpha == Double.POSITIVE_INFINITY) {
                v[j] = Math.expm1(0.5 * z);
                g[go + j] = r * Math.exp(0.5 * z) / c;
            } else {
                double l = log1pSquare(r, z, b);
                v[j] = b / alpha * Math.expm1(0.5 * alpha * l);
                g[go + j] = r * Math.exp((0.5 * alpha - 1) * l) / c;
            }
        }
    }

    /**
     * {@code log(1 + r²/b)} given {@code z = r²}; where {@code r²/b} overflows (|r| above about 1e154), its
     * asymptote {@code 2 log|r| - log b}, exact to rounding there (the dropped {@code log1p(b/r²)} is below 1e-300).
     */
    private static double log1pSquare(double r, double z, double b) {
        double q = z / b;
        return q < Double.POSITIVE_INFINITY ? Math.log1p(q) : 2 * Math.log(Math.abs(r)) - Math.log(b);
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("barron").with("alpha", alpha).with("scale", scale));
    }
}
