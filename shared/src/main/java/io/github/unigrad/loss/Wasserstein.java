package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * The Wasserstein GAN critic loss, as DL4J's LossWasserstein defines it:
 * {@code L_i = (1/K) Σ_j c_j y_ij x_ij}, {@code ∂/∂x = y / K}. The targets are the critic's signs (typically
 * {@code +1} for generated and {@code -1} for real samples, or the reverse for the generator), the
 * predictions the critic's unbounded scores.
 *
 * <p>Unlike every other loss here, the value is not bounded below and is usually negative: it is the
 * Kantorovich–Rubinstein dual estimate, meaningful only with a Lipschitz critic (weight clipping or a
 * gradient penalty, outside the loss). Domain: any real values. Identical to DL4J's LossWasserstein.
 * Source: Arjovsky, Chintala &amp; Bottou (2017), "Wasserstein GAN", ICML.
 */
public final class Wasserstein extends ElementwiseLoss {

    public Wasserstein(double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, true);
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            v[j] = y[yo + j] * x[xo + j];
            g[go + j] = y[yo + j] + Numerics.nanOrZero(x[xo + j]); // a NaN score gives a NaN gradient too
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("wasserstein"));
    }
}
