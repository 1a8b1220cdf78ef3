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
 * <p>Sparse (lazy) form: only the listed parameters' moments decay and update, as TensorFlow's LazyAdam.
 */
public final class ScaleByAdam implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean epsilonHat;

    public ScaleByAdam(double beta1, double beta2, double eps, boolean epsilonHat) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.epsilonHat = epsilonHat;
    }

    @Override
    public int slabs() {
        return 2;
    }

    @Override
    public void dense(Step step, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        double c1 = 1 - Math.pow(beta1, step.t());
        double c2 = 1 - Math.pow(beta2, step.t());
        double a = epsilonHat ? Math.sqrt(c2) / c1 : 1 / c1;
        double vScale = epsilonHat ? 1 : 1 / c2;
        double b1 = beta1;
        double b2 = beta2;
        double e = eps;
        int d = so - o;
        for (int j = o, end = o + n; j < end; j++) {
            double g = u[j];
            double mj = b1 * m[j + d] + (1 - b1) * g;
            double vj = b2 * v[j + d] + (1 - b2) * g * g;
            m[j + d] = mj;
            v[j + d] = vj;
            u[j] = a * mj / (Math.sqrt(vj * vScale) + e);
        }
    }

    @Override
    public void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        double c1 = 1 - Math.pow(beta1, step.t());
        double c2 = 1 - Math.pow(beta2, step.t());
        double a = epsilonHat ? Math.sqrt(c2) / c1 : 1 / c1;
        double vScale = epsilonHat ? 1 : 1 / c2;
        for (int j = from; j < to; j++) {
            int k = so + idx[j];
            double g = u[j];
            double mk = beta1 * m[k] + (1 - beta1) * g;
            double vk = beta2 * v[k] + (1 - beta2) * g * g;
            m[k] = mk;
            v[k] = vk;
            u[j] = a * mk / (Math.sqrt(vk * vScale) + eps);
        }
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adam").with("b1", beta1).with("b2", beta2).with("eps", eps).with("epsilonHat", epsilonHat);
    }
}
