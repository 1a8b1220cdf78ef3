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
public final class ScaleByBelief implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean epsilonHat;

    public ScaleByBelief(double beta1, double beta2, double eps, boolean epsilonHat) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.epsilonHat = epsilonHat;
    }

    @Override
    public int slabs() {
        return 2;
    }

    private double mScale(Step step) {
        double c1 = 1 - Math.pow(beta1, step.t());
        return epsilonHat ? Math.sqrt(1 - Math.pow(beta2, step.t())) / c1 : 1 / c1;
    }

    private double sScale(Step step) {
        return epsilonHat ? 1 : 1 / (1 - Math.pow(beta2, step.t()));
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] s = state[slab + 1];
        double a = mScale(step);
        double ss = sScale(step);
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], m, s, j, beta1, beta2, a, ss, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], m, s, k, beta1, beta2, a, ss, eps);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] s = state[slab + 1];
        double a = mScale(step);
        double ss = sScale(step);
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, s, so + idx[j], beta1, beta2, a, ss, eps);
        }
    }

    private static double element(double g, double[] m, double[] s, int k, double b1, double b2, double a, double ss,
                                  double eps) {
        double mk = b1 * m[k] + (1 - b1) * g;
        double r = g - mk;
        double sk = b2 * s[k] + (1 - b2) * r * r + eps;
        m[k] = mk;
        s[k] = sk;
        return a * mk / (Math.sqrt(sk * ss) + eps);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_belief").with("b1", beta1).with("b2", beta2).with("eps", eps).with("epsilonHat", epsilonHat);
    }
}
