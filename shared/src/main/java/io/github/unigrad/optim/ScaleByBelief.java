package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * AdaBelief's direction (Zhuang et al., "AdaBelief Optimizer: Adapting Stepsizes by the Belief in
 * Observed Gradients", NeurIPS 2020, Algorithm 2):
 * <pre>
 *   m ← β1 m + (1-β1) g
 *   s ← β2 s + (1-β2)(g - m)² + ε
 *   u = m̂ / (√ŝ + ε),   m̂ = m/(1-β1^t),  ŝ = s/(1-β2^t)
 * </pre>
 * With {@code epsilonHat=true}, as DL4J's {@code AdaBelief}: {@code u = √(1-β2^t)/(1-β1^t) · m / (√s + ε)}.
 * State: slab 0 is m, slab 1 is s (DL4J's layout {@code [M | S]}).
 *
 * <p>Sparse (lazy) form: only the listed parameters' moments decay and update.
 * Spec: {@code scale_by_belief(b1=0.9, b2=0.999, eps=1e-16, epsilonHat=false)}.
 */
public final class ScaleByBelief extends ScaleByMoments {
    private final boolean epsilonHat;

    public ScaleByBelief(double beta1, double beta2, double eps, boolean epsilonHat) {
        super(beta1, beta2, eps, false, true);
        this.epsilonHat = epsilonHat;
    }

    /** Adam's coefficients ({@link ScaleByMoments.Coefficients#adam}); the kernel is {@link ScaleByMoments}'s belief mode. */
    @Override
    public Object coefficients(Step step) {
        return Coefficients.adam(beta1, beta2, eps, epsilonHat, step.t());
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_belief").with("b1", beta1).with("b2", beta2).with("eps", eps).with("epsilonHat", epsilonHat);
    }
}
