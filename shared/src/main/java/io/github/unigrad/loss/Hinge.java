package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Hinge losses on per-output margins, with label {@code t ∈ {-1, +1}} and score {@code x}, {@code u = m - t x}:
 * <ul>
 *   <li>{@code hinge(margin)}: {@code f = max(0, u)}, {@code f' = -t} where {@code u > 0}, else 0
 *       (Cortes &amp; Vapnik 1995; DL4J's LossHinge at {@code margin = 1}, targets ±1);</li>
 *   <li>{@code squared_hinge(margin)}: {@code f = max(0, u)²}, {@code f' = -2 t u} where {@code u > 0}, else 0
 *       (DL4J's LossSquaredHinge at {@code margin = 1}, targets ±1);</li>
 *   <li>{@code multilabel_hinge(margin)}: the hinge with targets 0/1, read as {@code t = 2y - 1}, one
 *       independent binary problem per output (Tribuo's multi-label Hinge, {@code margin} default 1, whose
 *       returned vector is this gradient negated).</li>
 * </ul>
 * At the margin ({@code u = 0}) the subgradient 0 is returned, exactly as DL4J (its mask maps {@code u = 0}
 * to 0) and Tribuo ({@code score < margin} is strict) do. Summed over outputs, as both frameworks do (Keras
 * averages over them). A NaN score gives a NaN value and gradient (the {@code max} is {@link Math#max}, which
 * keeps NaN). Domain: predictions any real; targets exactly ±1 (0/1 for multilabel_hinge), checked.
 */
public final class Hinge extends ElementwiseLoss {
    private final boolean squared;
    private final boolean zeroOneTargets;
    private final double margin;

    public Hinge(boolean squared, boolean zeroOneTargets, double margin, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, false);
        this.squared = squared;
        this.zeroOneTargets = zeroOneTargets;
        this.margin = margin;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        double a = zeroOneTargets ? 0 : -1;
        double[] t = batch.targets();
        for (int k = 0; k < t.length; k++) {
            if (t[k] != a && t[k] != 1 && !isMasked(batch, k)) {
                throw outOfDomain(batch, k, zeroOneTargets ? "targets 0 or 1" : "targets -1 or +1");
            }
        }
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double t = zeroOneTargets ? 2 * y[yo + j] - 1 : y[yo + j];
            double h = Math.max(margin - t * x[xo + j], 0); // Math.max keeps a NaN score: NaN in, NaN out
            v[j] = squared ? h * h : h;
            g[go + j] = (squared ? -2 * t * h : -t * Math.signum(h)) + 0.0; // + 0.0: no -0 where the hinge is flat
        }
    }

    @Override
    public Spec spec() {
        String name = zeroOneTargets ? "multilabel_hinge" : squared ? "squared_hinge" : "hinge";
        return withWeights(Spec.of(name).with("margin", margin));
    }
}
