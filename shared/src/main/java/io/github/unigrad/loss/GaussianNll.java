package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Gaussian negative log-likelihood with a predicted variance (heteroscedastic regression). For K targets
 * the predictions have 2K columns, {@code [μ_1..μ_K | s_1..s_K]}: means, then variances. With {@code d = μ - y}:
 * <ul>
 *   <li>{@code variance=raw}: {@code σ² = max(s, eps)}, {@code f = ½ (log σ² + d²/σ²)},
 *       {@code ∂f/∂μ = d/σ²}, {@code ∂f/∂s = ½ (1/σ² - d²/σ⁴)}. As in PyTorch's {@code GaussianNLLLoss} the clamp
 *       is a numerical guard: the gradient is evaluated at the clamped variance and not zeroed below
 *       {@code eps}. A negative variance is rejected, naming the example (as PyTorch does): use a softplus
 *       or exp output for the variance columns.</li>
 *   <li>{@code variance=log}: {@code s = log σ²} (any real, {@code eps} unused): {@code f = ½ (s + d² e^{-s})},
 *       {@code ∂f/∂μ = d e^{-s}}, {@code ∂f/∂s = ½ (1 - d² e^{-s})}; smooth and unconstrained.</li>
 * </ul>
 * The value is a log-density up to a constant and is negative wherever the predicted density exceeds 1
 * (small variances). {@code full=true} adds the constant {@code ½ log 2π} per target. Summed over targets (PyTorch averages).
 * {@code weights} are per target (K). A target counts with the product of its two columns' output masks.
 * Source: Nix &amp; Weigend (1994), "Estimating the mean and variance of the target probability
 * distribution"; PyTorch.
 */
public final class GaussianNll extends RowLoss {
    /** How the variance columns are given. */
    public enum Variance { RAW, LOG }

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final Variance variance;
    private final double eps;
    private final boolean full;
    private final double[] targetWeights;

    public GaussianNll(Variance variance, double eps, boolean full, double[] targetWeights) {
        super(InputForm.VALUES, false);
        this.variance = variance;
        this.eps = eps;
        this.full = full;
        this.targetWeights = targetWeights == null ? null : targetWeights.clone();
    }

    @Override
    public int targetCols(int predictionCols) {
        return predictionCols / 2;
    }

    @Override
    protected void checkShape(LossBatch batch) {
        if (batch.cols() % 2 != 0) {
            throw new IllegalArgumentException(name() + " needs an even number of prediction columns (K means, then K"
                    + " variances), got " + batch.cols());
        }
        requireWeightCount(targetWeights, batch.cols() / 2, "target");
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        if (variance == Variance.LOG) {
            return;
        }
        int cols = batch.cols();
        int k = cols / 2;
        double[] x = batch.predictions();
        for (int i = 0; i < batch.rows(); i++) {
            for (int t = 0; t < k; t++) {
                int at = i * cols + k + t;
                if (!(x[at] >= 0) && !isMasked(batch, at)) {
                    throw new IllegalArgumentException(name() + ": the variance of example " + (batch.firstRow() + i) + ", target " + t
                            + " (prediction column " + (k + t) + ") is " + x[at] + "; variance=raw needs variances >= 0"
                            + " (use a softplus or exp output, or variance=log)");
                }
            }
        }
    }

    @Override
    protected double row(LossBatch b, int i, double[] g, int go, double[] scratch) {
        int cols = b.cols();
        int k = cols / 2;
        int o = i * cols;
        double[] x = b.predictions();
        double[] y = b.targets();
        double[] mask = b.outputMask();
        double value = 0;
        for (int t = 0; t < k; t++) {
            double c = (targetWeights == null ? 1 : targetWeights[t]) * (mask == null ? 1 : mask[o + t] * mask[o + k + t]);
            if (c == 0) {
                g[go + t] = 0;
                g[go + k + t] = 0;
                continue;
            }
            double d = x[o + t] - y[i * k + t];
            double s = x[o + k + t];
            double precision;
            double logVariance;
            if (variance == Variance.LOG) {
                precision = Math.exp(-s);
                logVariance = s;
            } else {
                double v = Math.max(s, eps);
                precision = 1 / v;
                logVariance = Math.log(v);
            }
            double dd = d * d * precision;
            value += c * (0.5 * (logVariance + dd) + (full ? HALF_LOG_2PI : 0));
            g[go + t] = c * d * precision;
            g[go + k + t] = c * 0.5 * (1 - dd) * (variance == Variance.LOG ? 1 : precision);
        }
        return value;
    }

    @Override
    public Spec spec() {
        return withWeights(Spec.of("gaussian_nll").with("variance", variance).with("eps", eps).with("full", full),
                targetWeights);
    }
}
