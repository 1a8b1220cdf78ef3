package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Cosine proximity, the negated cosine similarity of each example's prediction and target vectors:
 * {@code L_i = -(y·x) / (max(|y|, ε) max(|x|, ε))} and, as DL4J's LossCosineProximity computes it,
 * {@code ∂L_i/∂x = -(y |x|² - x (y·x)) / (max(|y|, ε) max(|x|, ε) max(|x|², ε))}. Where
 * {@code |y|, |x| ≥ ε} and {@code |x|² ≥ ε} this is the exact derivative of the cosine; below, the
 * clamps keep it finite (a zero vector gives value and gradient 0).
 *
 * <p>Where a squared norm overflows (entries above about 1e154), that vector is first divided by a power of two
 * {@code s} above its largest entry (exact), and the same formulas are evaluated on the scaled vectors with
 * {@code ε/s} and {@code ε/s²} in place of the clamps and one more factor {@code 1/s_x} in the gradient: the scales
 * cancel, so {@code x = 1e200 y} gives value {@code -1} and gradient {@code ≈ 0}, not {@code -0} and NaN.
 *
 * <p>The value lies in [-1, 1] (-1 for parallel vectors): it is to be minimised but is not ≥ 0. Identical
 * to DL4J's LossCosineProximity at the default {@code eps = 1e-5} (Nd4j.EPS_THRESHOLD), and to Keras'
 * {@code cosine_similarity} loss up to its epsilon placement. Outputs are coupled, so single outputs cannot
 * be masked (DL4J refuses too). Domain: any real vectors. Source: Salton's vector space model; Keras/DL4J.
 */
public final class CosineProximity extends RowLoss {
    private final double eps;

    public CosineProximity(double eps) {
        super(InputForm.VALUES, false);
        this.eps = eps;
    }

    @Override
    public boolean supportsOutputMask() {
        return false;
    }

    @Override
    protected double row(LossBatch b, int i, double[] g, int go, double[] scratch) {
        int k = b.cols();
        int o = i * k;
        double[] x = b.predictions();
        double[] y = b.targets();
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int j = 0; j < k; j++) {
            dot += x[o + j] * y[o + j];
            xx += x[o + j] * x[o + j];
            yy += y[o + j] * y[o + j];
        }
        // sx, sy: the powers of two the vectors are divided by (1 unless a squared norm overflowed), so exact
        double sx = xx < Double.POSITIVE_INFINITY ? 1 : powerOfTwoAbove(x, o, k);
        double sy = yy < Double.POSITIVE_INFINITY ? 1 : powerOfTwoAbove(y, o, k);
        if (sx != 1 || sy != 1) {
            dot = 0;
            xx = 0;
            yy = 0;
            for (int j = 0; j < k; j++) {
                double a = x[o + j] / sx;
                double c = y[o + j] / sy;
                dot += a * c;
                xx += a * a;
                yy += c * c;
            }
        }
        double ny = Math.max(Math.sqrt(yy), eps / sy);
        double nx = Math.max(Math.sqrt(xx), eps / sx);
        double scale = -1 / (sx * ny * nx * Math.max(xx, eps / sx / sx));
        double xxOverSy = xx / sy;
        double dotOverSx = dot / sx;
        for (int j = 0; j < k; j++) {
            g[go + j] = scale * (y[o + j] * xxOverSy - x[o + j] * dotOverSx);
        }
        return -dot / (ny * nx);
    }

    /** The power of two at or above the largest {@code |v[o..o+k)|} (infinite or NaN when an entry is). */
    private static double powerOfTwoAbove(double[] v, int o, int k) {
        double max = 0;
        for (int j = o; j < o + k; j++) {
            max = Math.max(max, Math.abs(v[j]));
        }
        return Math.scalb(1.0, Math.getExponent(max) + 1);
    }

    @Override
    public Spec spec() {
        return Spec.of("cosine_proximity").with("eps", eps);
    }
}
