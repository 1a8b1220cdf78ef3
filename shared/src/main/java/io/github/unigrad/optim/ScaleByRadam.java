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
public final class ScaleByRadam implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double threshold;

    public ScaleByRadam(double beta1, double beta2, double eps, double threshold) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.threshold = threshold;
    }

    @Override
    public int slabs() {
        return 2;
    }

    /** {factor on m in the numerator, 1 if the adaptive term is used else 0}. */
    private double[] coefficients(Step step) {
        double t = step.t();
        double c1 = 1 - Math.pow(beta1, t);
        double b2t = Math.pow(beta2, t);
        double c2 = 1 - b2t;
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * b2t / c2;
        if (rhoT > threshold) {
            double r = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            return new double[] {r * Math.sqrt(c2) / c1, 1};
        }
        return new double[] {1 / c1, 0};
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        double[] c = coefficients(step);
        double a = c[0];
        boolean adaptive = c[1] != 0;
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], m, v, j, beta1, beta2, a, adaptive, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], m, v, k, beta1, beta2, a, adaptive, eps);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        double[] c = coefficients(step);
        double a = c[0];
        boolean adaptive = c[1] != 0;
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, v, so + idx[j], beta1, beta2, a, adaptive, eps);
        }
    }

    private static double element(double g, double[] m, double[] v, int k, double b1, double b2, double a,
                                  boolean adaptive, double eps) {
        double mk = b1 * m[k] + (1 - b1) * g;
        double vk = b2 * v[k] + (1 - b2) * g * g;
        m[k] = mk;
        v[k] = vk;
        return adaptive ? a * mk / (Math.sqrt(vk) + eps) : a * mk;
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_radam").with("b1", beta1).with("b2", beta2).with("eps", eps).with("threshold", threshold);
    }
}
