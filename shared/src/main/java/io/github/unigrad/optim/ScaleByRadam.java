package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * RAdam's direction (Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", ICLR
 * 2020, Algorithm 2), in PyTorch's form:
 * <pre>
 *   m ← β1 m + (1-β1) g,   v ← β2 v + (1-β2) g²
 *   ρ∞ = 2/(1-β2) - 1,     ρ_t = ρ∞ - 2 t β2^t / (1-β2^t)
 *   if ρ_t > threshold:  r_t = √((ρ_t-4)(ρ_t-2)ρ∞ / ((ρ∞-4)(ρ∞-2)ρ_t)),
 *                        u = r_t · m/(1-β1^t) · √(1-β2^t) / (√v + ε)
 *   else:                u = m/(1-β1^t)          (SGD with momentum while the variance is intractable)
 * </pre>
 * Threshold 5 as PyTorch and Optax (the paper uses 4). State: slab 0 is m, slab 1 is v.
 *
 * <p>Sparse (lazy) form: only the listed parameters' moments decay and update.
 * Spec: {@code scale_by_radam(b1=0.9, b2=0.999, eps=1e-8, threshold=5)}.
 */
public final class ScaleByRadam extends ScaleByMoments {
    private final double threshold;

    public ScaleByRadam(double beta1, double beta2, double eps, double threshold) {
        super(beta1, beta2, eps, false, false);
        this.threshold = threshold;
    }

    /**
     * {@code am = r_t √(1-β2^t)/(1-β1^t)} while ρ_t is above the threshold (adaptive, {@code vs = 1}), else
     * {@code am = 1/(1-β1^t)} (not adaptive); {@code ag = 0}.
     */
    @Override
    public Object coefficients(Step step) {
        double t = step.t();
        double bias1 = biasCorrection(beta1, t);
        double b2t = Math.pow(beta2, t);
        double bias2 = 1 - b2t;
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * b2t / bias2;
        boolean adaptive = rhoT > threshold;
        double a = 1 / bias1;
        if (adaptive) {
            double r = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            a = r * Math.sqrt(bias2) / bias1;
        }
        return new Coefficients(beta1, 1 - beta1, beta2, 1 - beta2, a, 0, 1, eps, adaptive);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_radam").with("b1", beta1).with("b2", beta2).with("eps", eps).with("threshold", threshold);
    }
}
