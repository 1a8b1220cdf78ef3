package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Kullback–Leibler divergence of the predicted distribution from the target one, per output and summed:
 * {@code L_i = Σ_j c_j q_ij (log q_ij - log p'_ij)}, predictions {@code p} are probabilities
 * ({@link InputForm#PROBABILITIES}).
 * <ul>
 *   <li>{@code logTarget=false}: targets are probabilities {@code q}; with {@code clip = c > 0} both are clipped
 *       to {@code [c, 1]} first ({@code q' = clip(q, c, 1)}, {@code p' = clip(p, c, 1)}), exactly DL4J's LossKLD
 *       score at {@code clip = 1e-5} (Nd4j.EPS_THRESHOLD) and Keras' {@code kl_divergence} at {@code 1e-7}; with
 *       {@code clip = 0} (the default, PyTorch's {@code KLDivLoss}) nothing is clipped and {@code q = 0} terms
 *       are 0.</li>
 *   <li>{@code logTarget=true}: targets are log-probabilities {@code t = log q} (PyTorch's {@code log_target});
 *       {@code q = e^t} is never clipped, {@code t = -inf} gives 0.</li>
 * </ul>
 * Gradient: {@code ∂/∂p = -c_j q' / p'}, the derivative at the clipped point, not zeroed where the clip is
 * active. DL4J's LossKLD gradient is {@code -q/p} with neither clipped: it differs from this one (by
 * {@code (c - q)/p}) only where its own clip changes its score, i.e. it is not the derivative of its score
 * there. Domain: targets in [0, 1] (logTarget false) or [-inf, 0] (true); predicted probabilities in [0, 1]; all
 * checked, naming the example (a NaN prediction is an error). Source: Kullback &amp;
 * Leibler (1951), "On information and sufficiency".
 */
public final class KlDivergence extends ElementwiseLoss {
    private static final Range LOG_PROBABILITY = new Range(Double.NEGATIVE_INFINITY, true, 0, true);
    private final boolean logTarget;
    private final double clip;

    public KlDivergence(boolean logTarget, double clip, boolean meanOverOutputs, double[] outputWeights) {
        super(InputForm.PROBABILITIES, outputWeights, meanOverOutputs);
        this.logTarget = logTarget;
        this.clip = clip;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        if (logTarget) {
            requireTargetsIn(batch, LOG_PROBABILITY, "log-probability targets in [-inf, 0] (logTarget=true)");
        } else {
            requireTargetsIn(batch, Range.UNIT, "probability targets in [0, 1]");
        }
        requirePredictionsIn(batch, Range.UNIT, "predicted probabilities in [0, 1] (use a softmax output)");
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        double high = clip > 0 ? 1 : Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double p = Numerics.clip(x[xo + j], clip, high);
            double q;
            double logQ;
            if (logTarget) {
                logQ = y[yo + j];
                q = Math.exp(logQ);
            } else {
                q = Numerics.clip(y[yo + j], clip, 1);
                logQ = Math.log(q);
            }
            v[j] = q == 0 ? 0 : q * (logQ - Math.log(p));
            g[go + j] = q == 0 ? 0 : -q / p;
        }
    }

    @Override
    public Spec spec() {
        return withWeights(withOutputs(Spec.of("kl_divergence").with("logTarget", logTarget).with("clip", clip)));
    }
}
