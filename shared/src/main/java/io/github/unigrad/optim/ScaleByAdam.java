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
public final class ScaleByAdam implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean epsilonHat;
    private final boolean amsgrad;

    public ScaleByAdam(double beta1, double beta2, double eps, boolean epsilonHat, boolean amsgrad) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.epsilonHat = epsilonHat;
        this.amsgrad = amsgrad;
    }

    @Override
    public int slabs() {
        return amsgrad ? 3 : 2;
    }

    /** The factor on m: {@code 1/(1-β1^t)}, or {@code √(1-β2^t)/(1-β1^t)} with epsilonHat. */
    private double mScale(Step step) {
        double c1 = 1 - Math.pow(beta1, step.t());
        return epsilonHat ? Math.sqrt(1 - Math.pow(beta2, step.t())) / c1 : 1 / c1;
    }

    /** The factor on v under the root: {@code 1/(1-β2^t)}, or 1 with epsilonHat. */
    private double vScale(Step step) {
        return epsilonHat ? 1 : 1 / (1 - Math.pow(beta2, step.t()));
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        double a = mScale(step);
        double vs = vScale(step);
        int end = o + n;
        if (amsgrad) {
            double[] vMax = state[slab + 2];
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = scale * amsgrad(u[j], m, v, vMax, j, beta1, beta2, a, vs, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = scale * amsgrad(u[j], m, v, vMax, k, beta1, beta2, a, vs, eps);
                }
            }
        } else {
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = scale * adam(u[j], m, v, j, beta1, beta2, a, vs, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = scale * adam(u[j], m, v, k, beta1, beta2, a, vs, eps);
                }
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        double a = mScale(step);
        double vs = vScale(step);
        if (amsgrad) {
            double[] vMax = state[slab + 2];
            for (int j = from; j < to; j++) {
                u[j] = scale * amsgrad(u[j], m, v, vMax, so + idx[j], beta1, beta2, a, vs, eps);
            }
        } else {
            for (int j = from; j < to; j++) {
                u[j] = scale * adam(u[j], m, v, so + idx[j], beta1, beta2, a, vs, eps);
            }
        }
    }

    private static double adam(double g, double[] m, double[] v, int k, double b1, double b2, double a, double vs, double eps) {
        double mk = b1 * m[k] + (1 - b1) * g;
        double vk = b2 * v[k] + (1 - b2) * g * g;
        m[k] = mk;
        v[k] = vk;
        return a * mk / (Math.sqrt(vk * vs) + eps);
    }

    private static double amsgrad(double g, double[] m, double[] v, double[] vMax, int k, double b1, double b2,
                                  double a, double vs, double eps) {
        double mk = b1 * m[k] + (1 - b1) * g;
        double vk = b2 * v[k] + (1 - b2) * g * g;
        double hk = Math.max(vMax[k], vk);
        m[k] = mk;
        v[k] = vk;
        vMax[k] = hk;
        return a * mk / (Math.sqrt(hk * vs) + eps);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adam").with("b1", beta1).with("b2", beta2).with("eps", eps)
                .with("epsilonHat", epsilonHat).with("amsgrad", amsgrad);
    }
}
