package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * Nadam's direction (Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop), with a
 * constant β1 as Optax's {@code nadam} and Keras' without the momentum schedule:
 * <pre>
 *   m ← β1 m + (1-β1) g
 *   v ← β2 v + (1-β2) g²
 *   u = (β1 m / (1-β1^(t+1)) + (1-β1) g / (1-β1^t)) / (√(v / (1-β2^t)) + ε)
 * </pre>
 * With {@code dl4j=true}, DL4J's {@code Nadam}: both terms share {@code 1-β1^t} and v is not
 * bias-corrected, {@code u = (β1 m + (1-β1) g) / (1-β1^t) / (√v + ε)}.
 * (PyTorch's {@code NAdam} uses Dozat's momentum-decay schedule instead, which this does not model.)
 * State: slab 0 is m, slab 1 is v (DL4J's layout {@code [M | V]}).
 *
 * <p>Sparse (lazy) form: only the listed parameters' moments decay and update.
 * Spec: {@code scale_by_nadam(b1=0.9, b2=0.999, eps=1e-8, dl4j=false)}.
 */
public final class ScaleByNadam implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean dl4j;

    public ScaleByNadam(double beta1, double beta2, double eps, boolean dl4j) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.dl4j = dl4j;
    }

    @Override
    public int slabs() {
        return 2;
    }

    /** {coefficient on β1 m, coefficient on (1-β1) g, factor on v under the root}. */
    private double[] coefficients(Step step) {
        double c1 = 1 - Math.pow(beta1, step.t());
        if (dl4j) {
            return new double[] {1 / c1, 1 / c1, 1};
        }
        return new double[] {1 / (1 - Math.pow(beta1, step.t() + 1)), 1 / c1, 1 / (1 - Math.pow(beta2, step.t()))};
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        double[] c = coefficients(step);
        double cm = c[0];
        double cg = c[1];
        double cv = c[2];
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], m, v, j, beta1, beta2, cm, cg, cv, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], m, v, k, beta1, beta2, cm, cg, cv, eps);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        double[] c = coefficients(step);
        double cm = c[0];
        double cg = c[1];
        double cv = c[2];
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, v, so + idx[j], beta1, beta2, cm, cg, cv, eps);
        }
    }

    private static double element(double g, double[] m, double[] v, int k, double b1, double b2,
                                  double cm, double cg, double cv, double eps) {
        double mk = b1 * m[k] + (1 - b1) * g;
        double vk = b2 * v[k] + (1 - b2) * g * g;
        m[k] = mk;
        v[k] = vk;
        return (cm * b1 * mk + cg * (1 - b1) * g) / (Math.sqrt(vk * cv) + eps);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_nadam").with("b1", beta1).with("b2", beta2).with("eps", eps).with("dl4j", dl4j);
    }
}
