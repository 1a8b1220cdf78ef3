package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

import java.util.Arrays;

/**
 * Multi-class hinge loss (Crammer–Singer) on class scores: with true class {@code y} and margin {@code m},
 * {@code L_i = max(0, max_{j≠y} z_j + m - z_y)}; with {@code p} the first index of the largest of
 * {@code z - m e_y}, the gradient is {@code e_p - e_y} when {@code p ≠ y}, else 0.
 *
 * <p>This is exactly the rule of Tribuo's classification Hinge (4.3.2), ties included: an example exactly at
 * the margin whose tying rival has a lower index than the true class gets the gradient {@code e_p - e_y}
 * (value 0), otherwise 0. Tribuo logs {@code -L_i} and returns {@code m (e_y - e_p)}, the negated gradient
 * times the margin: identical at the default margin 1; for another margin Tribuo's step is scaled by
 * {@code m}, this one is the derivative of the loss. Targets: one class index per example, or a one-hot /
 * dense row (its first largest entry is the class). Single outputs cannot be masked. A NaN score gives
 * the example a NaN value and gradient. Domain: scores any
 * real. Source: Crammer &amp; Singer (2001), "On the algorithmic implementation of multiclass kernel-based
 * vector machines", JMLR.
 */
public final class MulticlassHinge extends RowLoss {
    private final double margin;

    public MulticlassHinge(double margin) {
        super(InputForm.VALUES, true);
        this.margin = margin;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        ClassTargets.check(this, batch, ClassTargets.NONE);
    }

    @Override
    protected double row(LossBatch b, int i, double[] g, int go, double[] scratch) {
        int k = b.cols();
        int o = i * k;
        double[] z = b.predictions();
        int y = ClassTargets.trueClass(b, i);
        int p = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = j == y ? z[o + y] - margin : z[o + j];
            if (s > best) {
                p = j;
                best = s;
            }
        }
        if (Double.isNaN(Numerics.nanOrZero(z, o, k))) {
            // the comparisons above skip a NaN score; the example's value and gradient are NaN instead
            Arrays.fill(g, go, go + k, Double.NaN);
            return Double.NaN;
        }
        Arrays.fill(g, go, go + k, 0.0);
        if (p == y) {
            return 0;
        }
        g[go + p] = 1;
        g[go + y] = -1;
        return z[o + p] + margin - z[o + y];
    }

    @Override
    public Spec spec() {
        return Spec.of("multiclass_hinge").with("margin", margin);
    }
}
