package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * Adam's direction (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1):
 * <pre>
 *   m ← β1 m + (1-β1) g
 *   v ← β2 v + (1-β2) g²
 *   u = m̂ / (√v̂ + ε),   m̂ = m / (1-β1^t),  v̂ = v / (1-β2^t)
 * </pre>
 * State: slab 0 is m, slab 1 is v (DL4J's layout, {@code [M | V]}).
 *
 * <p>With {@code epsilonHat=true}, ε is added to the uncorrected √v instead, which is DL4J's and the
 * paper's "efficient version" (Section 2): {@code u = √(1-β2^t)/(1-β1^t) · m / (√v + ε)}.
 *
 * <p>With {@code amsgrad=true} (Reddi, Kale and Kumar, "On the Convergence of Adam and Beyond", ICLR
 * 2018), the denominator uses the running maximum {@code v̄ ← max(v̄, v)} of the raw second moment,
 * bias-corrected as v is (PyTorch's {@code amsgrad=True}; with {@code epsilonHat=true}, DL4J's
 * {@code AMSGrad}). Slab 2 is v̄ (DL4J's layout {@code [M | V | V_HAT]}).
 *
 * <p>Sparse (lazy) form: only the listed parameters' moments decay and update, as TensorFlow's
 * LazyAdam; the bias correction uses the global step.
 * Spec: {@code scale_by_adam(b1=0.9, b2=0.999, eps=1e-8, epsilonHat=false, amsgrad=false)}.
 */
public final class ScaleByAdam extends ScaleByMoments {
    private final boolean epsilonHat;

    public ScaleByAdam(double beta1, double beta2, double eps, boolean epsilonHat, boolean amsgrad) {
        super(beta1, beta2, eps, amsgrad, false);
        this.epsilonHat = epsilonHat;
    }

    /** {@link Coefficients#adam}; AMSGrad's are Adam's. */
    @Override
    public Object coefficients(Step step) {
        return Coefficients.adam(beta1, beta2, eps, epsilonHat, step.t());
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adam").with("b1", beta1).with("b2", beta2).with("eps", eps)
                .with("epsilonHat", epsilonHat).with("amsgrad", amsgrad);
    }
}
