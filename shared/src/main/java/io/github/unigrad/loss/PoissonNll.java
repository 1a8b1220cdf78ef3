package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Poisson negative log-likelihood of counts {@code y ≥ 0} (checked), summed over outputs (averaged with
 * {@code outputs=mean}: Keras' {@code poisson} is {@code poisson_nll(logInput=false, eps=1e-7, outputs=mean)}):
 * <ul>
 *   <li>{@code logInput=true}: the prediction is {@code log λ}: {@code f = e^x - y x}, {@code f' = e^x - y}
 *       (no log of a rate, no eps);</li>
 *   <li>{@code logInput=false}: the prediction is the rate {@code λ ≥ 0}: {@code f = x - y log(x + eps)},
 *       {@code f' = 1 - y / (x + eps)}; {@code y = 0} terms are 0.</li>
 * </ul>
 * {@code full=true} adds Stirling's approximation of {@code log y!},
 * {@code y log y - y + ½ log(2π y)}, for {@code y > 1} (no gradient). This is PyTorch's {@code PoissonNLLLoss}
 * (log_input, eps = 1e-8, full), summed instead of averaged over outputs. {@code logInput=false, eps=0} is
 * exactly DL4J's LossPoisson ({@code a - y log a}, summed over outputs) when the plugin applies the same
 * activation. Without {@code full} the value omits {@code log y!} and can be negative (its minimum over the
 * prediction is {@code y - y log y}). Domain: targets ≥ 0; with {@code logInput=false}, rates {@code x ≥ 0}; both checked, naming the example
 * (a rate of 0 with a positive count and {@code eps = 0} gives value and gradient ∞, consistently).
 * Source: the Poisson likelihood; generalised linear models, McCullagh &amp; Nelder (1989).
 */
public final class PoissonNll extends ElementwiseLoss {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final boolean logInput;
    private final double eps;
    private final boolean full;

    public PoissonNll(boolean logInput, double eps, boolean full, boolean meanOverOutputs, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, meanOverOutputs);
        this.logInput = logInput;
        this.eps = eps;
        this.full = full;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireTargetsIn(batch, Range.NON_NEGATIVE, "counts (targets >= 0)");
        if (!logInput) {
            requirePredictionsIn(batch, Range.NON_NEGATIVE, "rates >= 0 with logInput=false (use a softplus or exp output,"
                    + " or logInput=true)");
        }
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double t = y[yo + j];
            double z = x[xo + j];
            if (logInput) {
                double rate = Math.exp(z);
                v[j] = rate == Double.POSITIVE_INFINITY ? rate : rate - t * z; // e^x dominates y x: not inf - inf
                g[go + j] = rate - t;
            } else {
                v[j] = z - Numerics.xlogy(t, z + eps);
                g[go + j] = t == 0 ? 1 : 1 - t / (z + eps);
            }
            if (full && t > 1) {
                v[j] += t * Math.log(t) - t + HALF_LOG_2PI + 0.5 * Math.log(t);
            }
        }
    }

    @Override
    public Spec spec() {
        return withWeights(withOutputs(Spec.of("poisson_nll").with("logInput", logInput).with("eps", eps).with("full", full)));
    }
}
