package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * AdaMax's direction (Kingma and Ba 2015, Section 7.1, Algorithm 2), Adam with the infinity norm:
 * <pre>
 *   m ← β1 m + (1-β1) g
 *   r ← max(β2 r, |g| + ε)        (epsInMax=true, PyTorch)
 *   r ← max(β2 r, |g|) + ε        (epsInMax=false: DL4J's AdaMax with ε = 1e-32, its hard-coded constant)
 *   u = m / ((1-β1^t) r)
 * </pre>
 * State: slab 0 is m, slab 1 is r (DL4J's layout {@code [M | V]}). DL4J ignores its own
 * {@code epsilon} (it only replaces a NaN or zero step size), hence {@code eps=1e-32} for parity.
 *
 * <p>Sparse (lazy) form: only the listed parameters' states decay and update.
 * Spec: {@code scale_by_adamax(b1=0.9, b2=0.999, eps=1e-8, epsInMax=true)}.
 */
public final class ScaleByAdamax implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean epsInMax;

    public ScaleByAdamax(double beta1, double beta2, double eps, boolean epsInMax) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.epsInMax = epsInMax;
    }

    @Override
    public int slabs() {
        return 2;
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] r = state[slab + 1];
        double a = 1 / (1 - Math.pow(beta1, step.t()));
        double inside = epsInMax ? eps : 0.0;
        double outside = epsInMax ? 0.0 : eps;
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], m, r, j, beta1, beta2, a, inside, outside);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], m, r, k, beta1, beta2, a, inside, outside);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] r = state[slab + 1];
        double a = 1 / (1 - Math.pow(beta1, step.t()));
        double inside = epsInMax ? eps : 0.0;
        double outside = epsInMax ? 0.0 : eps;
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, r, so + idx[j], beta1, beta2, a, inside, outside);
        }
    }

    private static double element(double g, double[] m, double[] r, int k, double b1, double b2, double a,
                                  double inside, double outside) {
        double mk = b1 * m[k] + (1 - b1) * g;
        double rk = Math.max(b2 * r[k], Math.abs(g) + inside) + outside;
        m[k] = mk;
        r[k] = rk;
        return a * mk / rk;
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adamax").with("b1", beta1).with("b2", beta2).with("eps", eps).with("epsInMax", epsInMax);
    }
}
