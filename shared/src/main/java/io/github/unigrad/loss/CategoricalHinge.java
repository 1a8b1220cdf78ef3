package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

import java.util.Arrays;

/**
 * Keras' categorical hinge on class scores {@code x} with one-hot (or soft) targets {@code y}:
 * {@code pos = Σ_j y_j x_j}, {@code neg = max_j (1 - y_j) x_j}, {@code L_i = max(0, neg - pos + m)};
 * where {@code L_i > 0}, {@code ∂L_i/∂x_j = (1 - y_j) [j = p] - y_j} with {@code p} the first index of the
 * largest {@code (1 - y_j) x_j}, else 0.
 *
 * <p>With a one-hot target the true class's term {@code (1 - y) x} is 0, so {@code neg} is
 * {@code max(0, max_{j≠y} x_j)}: unlike {@code multiclass_hinge} (Crammer–Singer), a row whose rival scores
 * are all negative is measured against 0, exactly as Keras computes it. At the margin ({@code L = 0}) the
 * subgradient is 0; among tied largest terms the first takes the gradient (TensorFlow shares it among them). A NaN
 * score or target gives a NaN value and gradient.
 * Outputs are coupled, so single outputs cannot be masked. Domain: any real scores and targets (Keras checks
 * neither). Source: Keras' {@code categorical_hinge} (Keras 2 and 3, margin 1).
 */
public final class CategoricalHinge extends RowLoss {
    private final double margin;

    public CategoricalHinge(double margin) {
        super(InputForm.VALUES, false);
        this.margin = margin;
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
        double pos = 0;
        double neg = Double.NEGATIVE_INFINITY;
        int p = 0;
        for (int j = 0; j < k; j++) {
            pos += y[o + j] * x[o + j];
            double other = (1 - y[o + j]) * x[o + j];
            if (other > neg) {
                neg = other;
                p = j;
            }
        }
        double loss = neg - pos + margin;
        if (Double.isNaN(loss)) {
            Arrays.fill(g, go, go + k, Double.NaN); // NaN in, NaN out
            return loss;
        }
        if (loss <= 0) {
            Arrays.fill(g, go, go + k, 0.0);
            return 0;
        }
        for (int j = 0; j < k; j++) {
            g[go + j] = -y[o + j];
        }
        g[go + p] += 1 - y[o + p];
        return loss;
    }

    @Override
    public Spec spec() {
        return Spec.of("categorical_hinge").with("margin", margin);
    }
}
