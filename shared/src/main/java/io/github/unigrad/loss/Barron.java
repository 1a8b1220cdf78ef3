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
 * <p>The general case is evaluated as {@code expm1((α/2) log1p(z/|α-2|))}, accurate for small residuals;
 * the special values of {@code α} use their closed forms. Smooth everywhere (no kink). Domain: any real
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
        double c2 = scale * scale;
        double b = Math.abs(alpha - 2);
        for (int j = 0; j < n; j++) {
            double d = x[xo + j] - y[yo + j];
            double z = d * d / c2;
            if (alpha == 2) {
                v[j] = 0.5 * z;
                g[go + j] = d / c2;
            } else if (alpha == 0) {
                v[j] = Math.log1p(0.5 * z);
                g[go + j] = d / c2 / (0.5 * z + 1);
            } else if (alpha == Double.NEGATIVE_INFINITY) {
                v[j] = -Math.expm1(-0.5 * z);
                g[go + j] = d / c2 * Math.exp(-0.5 * z);
            } else if (alpha == Double.POSITIVE_INFINITY) {
                v[j] = Math.expm1(0.5 * z);
                g[go + j] = d / c2 * Math.exp(0.5 * z);
            } else {
                double l = Math.log1p(z / b);
                v[j] = b / alpha * Math.expm1(0.5 * alpha * l);
                g[go + j] = d / c2 * Math.exp((0.5 * alpha - 1) * l);
            }
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("barron").with("alpha", alpha).with("scale", scale));
    }
}
