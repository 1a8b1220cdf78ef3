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
        super(beta1, beta2, eps, false);
        this.epsilonHat = epsilonHat;
    }

    /** Adam's coefficients ({@link ScaleByMoments.Coefficients#adam}). */
    @Override
    public Object coefficients(Step step) {
        return Coefficients.adam(beta1, beta2, eps, epsilonHat, step.t());
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double[] m = state[slab];
        double[] s = state[slab + 1];
        Coefficients c = (Coefficients) coefficients;
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), a = c.am(), ss = c.vs(), eps = c.eps();
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = scale * element(u[j], m, s, j, b1, c1, b2, c2, a, ss, eps);
        }
    }

    /** The float kernel: the double kernel's loop and formula in float, with the same coefficients rounded to float. */
    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float[] m = state[slab];
        float[] s = state[slab + 1];
        Coefficients c = (Coefficients) coefficients;
        float b1 = (float) c.b1(), c1 = (float) c.c1(), b2 = (float) c.b2(), c2 = (float) c.c2(), a = (float) c.am(),
                ss = (float) c.vs(), eps = (float) c.eps(), f = (float) scale;
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = f * element(u[j], m, s, j, b1, c1, b2, c2, a, ss, eps);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        double[] m = state[slab];
        double[] s = state[slab + 1];
        Coefficients c = (Coefficients) coefficients;
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), a = c.am(), ss = c.vs(), eps = c.eps();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, s, o + idx[j], b1, c1, b2, c2, a, ss, eps);
        }
    }

    private static double element(double g, double[] m, double[] s, int k, double b1, double c1, double b2, double c2,
                                  double a, double ss, double eps) {
        double mk = b1 * m[k] + c1 * g;
        double r = g - mk;
        double sk = b2 * s[k] + c2 * r * r + eps;
        m[k] = mk;
        s[k] = sk;
        return a * mk / (Math.sqrt(sk * ss) + eps);
    }

    private static float element(float g, float[] m, float[] s, int k, float b1, float c1, float b2, float c2,
                                 float a, float ss, float eps) {
        float mk = b1 * m[k] + c1 * g;
        float r = g - mk;
        float sk = b2 * s[k] + c2 * r * r + eps;
        m[k] = mk;
        s[k] = sk;
        return a * mk / ((float) Math.sqrt(sk * ss) + eps);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_belief").with("b1", beta1).with("b2", beta2).with("eps", eps).with("epsilonHat", epsilonHat);
    }
}
