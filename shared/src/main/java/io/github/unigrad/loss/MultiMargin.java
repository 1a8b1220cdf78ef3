package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

import java.util.Arrays;

/**
 * Multi-class margin loss (Weston–Watkins), PyTorch's {@code MultiMarginLoss(p, margin, weight)} per example:
 * with true class {@code y}, K classes, margin {@code m}, power {@code p ∈ {1, 2}} and optional class weights
 * {@code w} (1 when absent), {@code L_i = (w_y / K) Σ_{j≠y} max(0, m - z_y + z_j)^p}. With
 * {@code h_j = m - z_y + z_j}: {@code ∂L_i/∂z_j = (w_y / K) p h_j^{p-1}} for {@code j ≠ y, h_j > 0} (else 0),
 * and {@code ∂L_i/∂z_y = -Σ_{j≠y} ∂L_i/∂z_j}. The class weight multiplies each term after the power, as
 * PyTorch's kernel does ({@code aten/src/ATen/native/MultiMarginLoss.cpp}); at a kink ({@code h_j = 0}) the
 * term and its gradient are 0, as there.
 *
 * <p>Unlike {@link MulticlassHinge} (Crammer–Singer: only the largest violation counts) every violating class
 * contributes. PyTorch's "mean" reduction divides the sum of {@code L_i} by the batch size (not by the class
 * weights), which is {@link Reduction#MEAN}. Targets: one class index per example, or a one-hot / dense row (its
 * first largest entry is the class). Single outputs cannot be masked. A NaN score gives the example a NaN value
 * and gradient. Domain: scores any real. Source: Weston &amp; Watkins (1999), "Support vector machines for
 * multi-class pattern recognition", ESANN; PyTorch 1.13's
 * {@code MultiMarginLoss} documentation.
 */
public final class MultiMargin extends RowLoss {
    private final int power;
    private final double margin;
    private final double[] classWeights;

    /**
     * @param power        1 or 2
     * @param margin       m ≥ 0
     * @param classWeights a weight per class, or null
     */
    public MultiMargin(int power, double margin, double[] classWeights) {
        super(InputForm.VALUES, true);
        this.power = power;
        this.margin = margin;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireWeightCount(classWeights, batch.cols(), "class");
        ClassTargets.check(this, batch, ClassTargets.NONE);
    }

    @Override
    protected double row(LossBatch b, int i, double[] g, int go, double[] scratch) {
        int k = b.cols();
        int o = i * k;
        double[] z = b.predictions();
        int y = ClassTargets.trueClass(b, i);
        double scale = (classWeights == null ? 1.0 : classWeights[y]) / k;
        double base = margin - z[o + y];
        double sum = 0;
        double toTrue = 0;
        for (int j = 0; j < k; j++) {
            double h = base + z[o + j];
            if (j == y || !(h > 0)) {
                g[go + j] = 0;
                continue;
            }
            sum += power == 1 ? h : h * h;
            double d = scale * (power == 1 ? 1 : 2 * h);
            g[go + j] = d;
            toTrue -= d;
        }
        g[go + y] = toTrue;
        if (Double.isNaN(Numerics.nanOrZero(z, o, k))) {
            // the comparison above skips a NaN score; the example's value and gradient are NaN instead
            Arrays.fill(g, go, go + k, Double.NaN);
            return Double.NaN;
        }
        return scale * sum;
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("multi_margin").with("p", power).with("margin", margin), classWeights);
    }
}
