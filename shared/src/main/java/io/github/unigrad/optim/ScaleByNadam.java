package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * Nadam's direction (Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop). By default
 * ({@code momentumDecay=0}) with a constant β1, as Optax's {@code nadam} and Keras' without the momentum schedule:
 * <pre>
 *   m ← β1 m + (1-β1) g
 *   v ← β2 v + (1-β2) g²
 *   u = (β1 m / (1-β1^(t+1)) + (1-β1) g / (1-β1^t)) / (√(v / (1-β2^t)) + ε)
 * </pre>
 * With {@code momentumDecay=ψ > 0}, PyTorch's {@code torch.optim.NAdam(momentum_decay=ψ)} (PyTorch's default
 * ψ = 4e-3): Dozat's momentum schedule (after Sutskever et al. 2013), with the same m and v,
 * <pre>
 *   μ_t = β1 (1 - ½·0.96^(tψ)),   Π_t = μ_1 μ_2 ⋯ μ_t
 *   u = (μ_{t+1} m / (1-Π_t μ_{t+1}) + (1-μ_t) g / (1-Π_t)) / (√(v / (1-β2^t)) + ε)
 * </pre>
 * (PyTorch's documentation and {@code _single_tensor_nadam}). The constant-β1 form is this rule's limit as
 * ψ → ∞ (μ_t = β1, Π_t = β1^t); {@code momentumDecay=0} selects it, so PyTorch's degenerate
 * {@code momentum_decay=0} (μ_t = β1/2 at every step) has no spelling here. PyTorch keeps Π_t as a running
 * product in the optimiser state (a float32 scalar by default); here Π_t is a function of t alone, so that
 * the state stays the two moments and a restored or re-begun step needs nothing else:
 * log Π_t = t log β1 + Σ_{i≤t} log(1 - ½q^i) with q = 0.96^ψ, and by log(1-x) = -Σ_k x^k/k and the finite
 * geometric sum, Σ_{i≤t} log(1 - ½q^i) = -Σ_{k≥1} (q/2)^k/k · (1-q^(kt))/(1-q^k), whose k-th term is at most
 * 2^(1-k)/k times the first: the series is summed to double precision in at most ~55 terms whatever t
 * (a few µs per step, once per step, not per parameter), with {@code expm1} so that small ψ loses nothing.
 *
 * <p>With {@code dl4j=true}, DL4J's {@code Nadam}: both terms share {@code 1-β1^t} and v is not
 * bias-corrected, {@code u = (β1 m + (1-β1) g) / (1-β1^t) / (√v + ε)} (constant β1 only).
 * State: slab 0 is m, slab 1 is v (DL4J's layout {@code [M | V]}).
 *
 * <p>Sparse (lazy) form: only the listed parameters' moments decay and update.
 * Spec: {@code scale_by_nadam(b1=0.9, b2=0.999, eps=1e-8, momentumDecay=0, dl4j=false)}.
 */
public final class ScaleByNadam extends ScaleByMoments {
    private final double momentumDecay;
    private final boolean dl4j;

    /**
     * Ranges are checked by the catalogue ({@link Transforms#nadam}).
     *
     * @param momentumDecay ψ ≥ 0, finite, of the momentum schedule; 0 for a constant β1
     * @param dl4j DL4J's form, which has a constant β1 (only with {@code momentumDecay = 0})
     */
    public ScaleByNadam(double beta1, double beta2, double eps, double momentumDecay, boolean dl4j) {
        super(beta1, beta2, eps, false, false);
        this.momentumDecay = momentumDecay;
        this.dl4j = dl4j;
    }

    /**
     * {@code am = β1/(1-β1^(t+1))}, {@code ag = (1-β1)/(1-β1^t)} and {@code vs = 1/(1-β2^t)}; with the momentum
     * schedule {@code am = μ_{t+1}/(1-Π_t μ_{t+1})} and {@code ag = (1-μ_t)/(1-Π_t)}; with dl4j
     * {@code am = β1/(1-β1^t)} and {@code vs = 1}.
     */
    @Override
    public Object coefficients(Step step) {
        long t = step.t();
        double vs = dl4j ? 1 : 1 / biasCorrection(beta2, t);
        double am;
        double ag;
        if (momentumDecay == 0) {
            double bias1 = biasCorrection(beta1, t);
            double cm = dl4j ? 1 / bias1 : 1 / biasCorrection(beta1, t + 1);
            am = cm * beta1;
            ag = 1 / bias1 * (1 - beta1);
        } else {
            double mu = mu(t);
            double muNext = mu(t + 1);
            double product = Math.exp(t * Math.log(beta1) + logScheduleProduct(t));
            am = muNext / (1 - product * muNext);
            ag = (1 - mu) / (1 - product);
        }
        return new Coefficients(beta1, 1 - beta1, beta2, 1 - beta2, am, ag, vs, eps, true);
    }

    /** μ_t = β1 (1 - ½·0.96^(tψ)), as PyTorch computes it. */
    private double mu(long t) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
    }

    /**
     * Σ_{i≤t} log(1 - ½q^i), q = 0.96^ψ, as -Σ_{k≥1} (q/2)^k/k · (1-q^(kt))/(1-q^k), summed until a term no longer
     * changes the sum (see the class Javadoc); (1-q^(kt))/(1-q^k) is t where ψ log 0.96 underflows to 0 (q = 1).
     */
    private double logScheduleProduct(long t) {
        double logQ = momentumDecay * Math.log(0.96);
        double halfQ = 0.5 * Math.exp(logQ);
        double power = 1;
        double sum = 0;
        for (int k = 1; ; k++) {
            power *= halfQ;
            double denominator = Math.expm1(k * logQ);
            double ratio = denominator == 0 ? t : Math.expm1((double) t * k * logQ) / denominator;
            double next = sum + power / k * ratio;
            if (next == sum) {
                return -sum;
            }
            sum = next;
        }
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_nadam").with("b1", beta1).with("b2", beta2).with("eps", eps).with("momentumDecay", momentumDecay)
                .with("dl4j", dl4j);
    }
}
