package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Cosine proximity, the negated cosine similarity of each example's prediction and target vectors:
 * {@code L_i = -(y·x) / (max(|y|, ε) max(|x|, ε))} and, as DL4J's LossCosineProximity computes it,
 * {@code ∂L_i/∂x = -(y |x|² - x (y·x)) / (max(|y|, ε) max(|x|, ε) max(|x|², ε))}. Where
 * {@code |y|, |x| ≥ ε} and {@code |x|² ≥ ε} this is the exact derivative of the cosine; below, the
 * clamps keep it finite (a zero vector gives value and gradient 0).
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
        double ny = Math.max(Math.sqrt(yy), eps);
        double nx = Math.max(Math.sqrt(xx), eps);
        double scale = -1 / (ny * nx * Math.max(xx, eps));
        for (int j = 0; j < k; j++) {
            g[go + j] = scale * (y[o + j] * xx - x[o + j] * dot);
        }
        return -dot / (ny * nx);
    }

    @Override
    public Spec spec() {
        return Spec.of("cosine_proximity").with("eps", eps);
    }
}
