package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * RMSProp's direction (Tieleman and Hinton, Lecture 6.5, 2012; centred form from Graves,
 * "Generating Sequences With Recurrent Neural Networks", 2013, eq. 38-40):
 * <pre>
 *   v ← α v + (1-α) g²
 *   u = g / (√v + ε)                       (plain)
 *   m ← α m + (1-α) g;  u = g / (√(v - m²) + ε)   (centered=true)
 * </pre>
 * with v starting at {@code initialAccumulator}. ε outside the square root, as PyTorch, DL4J and
 * Tribuo; DL4J starts v at ε ({@code initialAccumulator=1e-8}). RMSProp with momentum is this
 * followed by {@code trace} (PyTorch's {@code momentum}). State: slab 0 is v, slab 1 (centred) m.
 *
 * <p>Sparse (lazy) form: only the listed parameters' averages decay and update (Tribuo's RMSProp
 * decays every entry at every step, so its sparse trajectories differ).
 * Spec: {@code scale_by_rms(alpha=0.99, eps=1e-8, centered=false, initialAccumulator=0)}.
 */
public final class ScaleByRms extends SpecIdentified implements Transform {
    private final double alpha;
    private final double eps;
    private final boolean centered;
    private final double initialAccumulator;

    public ScaleByRms(double alpha, double eps, boolean centered, double initialAccumulator) {
        this.alpha = alpha;
        this.eps = eps;
        this.centered = centered;
        this.initialAccumulator = initialAccumulator;
    }

    @Override
    public int slabs() {
        return centered ? 2 : 1;
    }

    @Override
    public double initialValue(int k) {
        return k == 0 ? initialAccumulator : 0.0;
    }

    /** The scalars shared by the double and float kernels: {@code v ← alpha v + c g²} with {@code c = 1 - alpha}, and ε. */
    private record Coefficients(double alpha, double c, double eps) {
    }

    private Coefficients coefficients() {
        return new Coefficients(alpha, 1 - alpha, eps);
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] v = state[slab];
        Coefficients co = coefficients();
        double alpha = co.alpha(), c = co.c(), eps = co.eps();
        int end = o + n;
        if (centered) {
            double[] m = state[slab + 1];
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = scale * centred(u[j], v, m, j, alpha, c, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = scale * centred(u[j], v, m, k, alpha, c, eps);
                }
            }
        } else {
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = scale * plain(u[j], v, j, alpha, c, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = scale * plain(u[j], v, k, alpha, c, eps);
                }
            }
        }
    }

    /** The float kernel: the double kernel's loops and formulas in float, with the same coefficients rounded to float. */
    @Override
    public void dense(Step step, double scale, float[] u, float[] p, int o, float[][] state, int slab, int so, int n) {
        float[] v = state[slab];
        Coefficients co = coefficients();
        float alpha = (float) co.alpha(), c = (float) co.c(), eps = (float) co.eps(), s = (float) scale;
        int end = o + n;
        if (centered) {
            float[] m = state[slab + 1];
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = s * centred(u[j], v, m, j, alpha, c, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = s * centred(u[j], v, m, k, alpha, c, eps);
                }
            }
        } else {
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = s * plain(u[j], v, j, alpha, c, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = s * plain(u[j], v, k, alpha, c, eps);
                }
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] v = state[slab];
        Coefficients co = coefficients();
        double alpha = co.alpha(), c = co.c(), eps = co.eps();
        if (centered) {
            double[] m = state[slab + 1];
            for (int j = from; j < to; j++) {
                u[j] = scale * centred(u[j], v, m, so + idx[j], alpha, c, eps);
            }
        } else {
            for (int j = from; j < to; j++) {
                u[j] = scale * plain(u[j], v, so + idx[j], alpha, c, eps);
            }
        }
    }

    private static double plain(double g, double[] v, int k, double alpha, double c, double eps) {
        double vk = alpha * v[k] + c * g * g;
        v[k] = vk;
        return g / (Math.sqrt(vk) + eps);
    }

    private static float plain(float g, float[] v, int k, float alpha, float c, float eps) {
        float vk = alpha * v[k] + c * g * g;
        v[k] = vk;
        return g / ((float) Math.sqrt(vk) + eps);
    }

    private static double centred(double g, double[] v, double[] m, int k, double alpha, double c, double eps) {
        double vk = alpha * v[k] + c * g * g;
        double mk = alpha * m[k] + c * g;
        v[k] = vk;
        m[k] = mk;
        return g / (Math.sqrt(vk - mk * mk) + eps);
    }

    private static float centred(float g, float[] v, float[] m, int k, float alpha, float c, float eps) {
        float vk = alpha * v[k] + c * g * g;
        float mk = alpha * m[k] + c * g;
        v[k] = vk;
        m[k] = mk;
        return g / ((float) Math.sqrt(vk - mk * mk) + eps);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_rms").with("alpha", alpha).with("eps", eps).with("centered", centered)
                .with("initialAccumulator", initialAccumulator);
    }
}
