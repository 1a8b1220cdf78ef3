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

    /**
     * The scalars of one step, shared by the double and float kernels: {@code m ← b1 m + c1 g},
     * {@code v ← b2 v + c2 g²}, {@code u = (am m + ag g) / (√(v · cv) + eps)}, where
     * {@code am = β1/(1-β1^(t+1))}, {@code ag = (1-β1)/(1-β1^t)} and {@code cv = 1/(1-β2^t)}, or with dl4j
     * {@code am = β1/(1-β1^t)} and {@code cv = 1}.
     */
    private record Coefficients(double b1, double c1, double b2, double c2, double am, double ag, double cv, double eps) {
    }

    private Coefficients coefficients(Step step) {
        double bias1 = 1 - Math.pow(beta1, step.t());
        double cm = dl4j ? 1 / bias1 : 1 / (1 - Math.pow(beta1, step.t() + 1));
        double cv = dl4j ? 1 : 1 / (1 - Math.pow(beta2, step.t()));
        return new Coefficients(beta1, 1 - beta1, beta2, 1 - beta2, cm * beta1, 1 / bias1 * (1 - beta1), cv, eps);
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        Coefficients c = coefficients(step);
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), am = c.am(), ag = c.ag(), cv = c.cv(), eps = c.eps();
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], m, v, j, b1, c1, b2, c2, am, ag, cv, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], m, v, k, b1, c1, b2, c2, am, ag, cv, eps);
            }
        }
    }

    /** The float kernel: the double kernel's loop and formula in float, with the same coefficients rounded to float. */
    @Override
    public void dense(Step step, double scale, float[] u, float[] p, int o, float[][] state, int slab, int so, int n) {
        float[] m = state[slab];
        float[] v = state[slab + 1];
        Coefficients c = coefficients(step);
        float b1 = (float) c.b1(), c1 = (float) c.c1(), b2 = (float) c.b2(), c2 = (float) c.c2(), am = (float) c.am(),
                ag = (float) c.ag(), cv = (float) c.cv(), eps = (float) c.eps(), s = (float) scale;
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = s * element(u[j], m, v, j, b1, c1, b2, c2, am, ag, cv, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = s * element(u[j], m, v, k, b1, c1, b2, c2, am, ag, cv, eps);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        Coefficients c = coefficients(step);
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), am = c.am(), ag = c.ag(), cv = c.cv(), eps = c.eps();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, v, so + idx[j], b1, c1, b2, c2, am, ag, cv, eps);
        }
    }

    private static double element(double g, double[] m, double[] v, int k, double b1, double c1, double b2, double c2,
                                  double am, double ag, double cv, double eps) {
        double mk = b1 * m[k] + c1 * g;
        double vk = b2 * v[k] + c2 * g * g;
        m[k] = mk;
        v[k] = vk;
        return (am * mk + ag * g) / (Math.sqrt(vk * cv) + eps);
    }

    private static float element(float g, float[] m, float[] v, int k, float b1, float c1, float b2, float c2,
                                 float am, float ag, float cv, float eps) {
        float mk = b1 * m[k] + c1 * g;
        float vk = b2 * v[k] + c2 * g * g;
        m[k] = mk;
        v[k] = vk;
        return (am * mk + ag * g) / ((float) Math.sqrt(vk * cv) + eps);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_nadam").with("b1", beta1).with("b2", beta2).with("eps", eps).with("dl4j", dl4j);
    }
}
