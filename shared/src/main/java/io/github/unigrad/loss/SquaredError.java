package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Squared error, {@code f(y, x) = (x - y)²}, {@code f' = 2(x - y)}.
 * <ul>
 *   <li>{@code mse}: mean over outputs, {@code L_i = (1/K) Σ_j c_j (x_ij - y_ij)²} (DL4J's LossMSE, Keras'
 *       {@code mean_squared_error}; PyTorch's {@code MSELoss} with reduction "mean" also averages over examples);</li>
 *   <li>{@code l2}: sum over outputs, {@code L_i = Σ_j c_j (x_ij - y_ij)²} (DL4J's LossL2; Tribuo's
 *       SquaredLoss is half of it, {@code Σ ½ d²}, with half the gradient).</li>
 * </ul>
 * Domain: any real predictions and targets. Source: Gauss (1809), least squares.
 */
public final class SquaredError extends ElementwiseLoss {
    public SquaredError(boolean meanOverOutputs, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, meanOverOutputs);
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double d = x[xo + j] - y[yo + j];
            v[j] = d * d;
            g[go + j] = 2 * d;
        }
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of(meanOverOutputs() ? "mse" : "l2"));
    }
}
