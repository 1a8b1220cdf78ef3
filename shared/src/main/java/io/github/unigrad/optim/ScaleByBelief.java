package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

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
public final class ScaleByBelief extends SpecIdentified implements Transform {
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

    private final StepMemo<MomentCoefficients> memo = new StepMemo<>(this::coefficientsAt);

    /** This step's coefficients ({@link MomentCoefficients}), computed once per step ({@link StepMemo}). */
    private MomentCoefficients coefficients(Step step) {
        return memo.at(step.t());
    }

    private MomentCoefficients coefficientsAt(long t) {
        return MomentCoefficients.at(beta1, beta2, eps, epsilonHat, t);
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] s = state[slab + 1];
        MomentCoefficients c = coefficients(step);
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), a = c.a(), ss = c.vs(), eps = c.eps();
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], m, s, j, b1, c1, b2, c2, a, ss, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], m, s, k, b1, c1, b2, c2, a, ss, eps);
            }
        }
    }

    /** The float kernel: the double kernel's loop and formula in float, with the same coefficients rounded to float. */
    @Override
    public void dense(Step step, double scale, float[] u, float[] p, int o, float[][] state, int slab, int so, int n) {
        float[] m = state[slab];
        float[] s = state[slab + 1];
        MomentCoefficients c = coefficients(step);
        float b1 = (float) c.b1(), c1 = (float) c.c1(), b2 = (float) c.b2(), c2 = (float) c.c2(), a = (float) c.a(),
                ss = (float) c.vs(), eps = (float) c.eps(), f = (float) scale;
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = f * element(u[j], m, s, j, b1, c1, b2, c2, a, ss, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = f * element(u[j], m, s, k, b1, c1, b2, c2, a, ss, eps);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] s = state[slab + 1];
        MomentCoefficients c = coefficients(step);
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), a = c.a(), ss = c.vs(), eps = c.eps();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, s, so + idx[j], b1, c1, b2, c2, a, ss, eps);
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
