package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Absolute error, {@code f(y, x) = |x - y|}, {@code f' = sign(x - y)}, with the subgradient
 * {@code 0} at {@code x = y} (the middle of {@code [-1, 1]}; DL4J's {@code Sign} op gives the same).
 * <ul>
 *   <li>{@code mae}: mean over outputs, {@code L_i = (1/K) Σ_j c_j |x_ij - y_ij|} (DL4J's LossMAE, Keras'
 *       {@code mean_absolute_error});</li>
 *   <li>{@code l1}: sum over outputs, {@code L_i = Σ_j c_j |x_ij - y_ij|} (DL4J's LossL1; PyTorch's
 *       {@code L1Loss}, which also averages over examples; Tribuo's AbsoluteLoss, whose logged value is
 *       shifted by {@code -0.5} per output and whose gradient is the same sign).</li>
 * </ul>
 * DL4J's LossMAE divides its per-example score array ({@code computeScoreArray}) by 1 instead of the
 * number of outputs (its total score is right); {@code mae} gives the per-example value the total implies.
 * Domain: any real predictions and targets. Source: Laplace (1774), least absolute deviations.
 */
public final class AbsoluteError extends ElementwiseLoss {
    public AbsoluteError(boolean meanOverOutputs, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, meanOverOutputs);
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double d = x[xo + j] - y[yo + j];
            v[j] = Math.abs(d);
            g[go + j] = Math.signum(d);
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of(meanOverOutputs() ? "mae" : "l1"));
    }
}
