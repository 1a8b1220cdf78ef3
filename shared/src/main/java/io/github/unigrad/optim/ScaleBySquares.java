package io.github.unigrad.optim;

import io.github.unigrad.spec.SpecIdentified;

/**
 * The rules that divide the gradient by the root of a running sum of its squares, one kernel per
 * precision:
 * <pre>
 *   v ← α v + c g²
 *   u = g / (√v + ε)                                  (plain)
 *   m ← α m + c g;  u = g / (√(v - m²) + ε)           (centred)
 * </pre>
 * with v starting at {@code initialAccumulator}: RMSProp ({@link ScaleByRms}, {@code c = 1 - α}) and
 * AdaGrad ({@link ScaleByAdagrad}, {@code α = c = 1}, which leaves {@code v + g²} exact). ε outside the
 * square root, as PyTorch, DL4J and Tribuo. State: slab 0 is v, slab 1 (centred) m.
 */
abstract class ScaleBySquares extends SpecIdentified implements Transform {
    final double eps;
    final boolean centered;
    final double initialAccumulator;
    private final Coefficients coefficients;

    /** The scalars shared by the double and float kernels: {@code v ← alpha v + c g²}, and ε; the same at every step. */
    record Coefficients(double alpha, double c, double eps) {
    }

    ScaleBySquares(double alpha, double c, double eps, boolean centered, double initialAccumulator) {
        this.eps = eps;
        this.centered = centered;
        this.initialAccumulator = initialAccumulator;
        this.coefficients = new Coefficients(alpha, c, eps);
    }

    @Override
    public int slabs() {
        return centered ? 2 : 1;
    }

    @Override
    public double initialValue(int k) {
        return k == 0 ? initialAccumulator : 0.0;
    }

    @Override
    public Object coefficients(Step step) {
        return coefficients;
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double[] v = state[slab];
        Coefficients co = (Coefficients) coefficients;
        double alpha = co.alpha(), c = co.c(), eps = co.eps();
        int end = o + n;
        if (centered) {
            double[] m = state[slab + 1];
            for (int j = o; j < end; j++) {
                u[j] = scale * centred(u[j], v, m, j, alpha, c, eps);
            }
        } else {
            for (int j = o; j < end; j++) {
                u[j] = scale * plain(u[j], v, j, alpha, c, eps);
            }
        }
    }

    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float[] v = state[slab];
        Coefficients co = (Coefficients) coefficients;
        float alpha = (float) co.alpha(), c = (float) co.c(), eps = (float) co.eps(), s = (float) scale;
        int end = o + n;
        if (centered) {
            float[] m = state[slab + 1];
            for (int j = o; j < end; j++) {
                u[j] = s * centred(u[j], v, m, j, alpha, c, eps);
            }
        } else {
            for (int j = o; j < end; j++) {
                u[j] = s * plain(u[j], v, j, alpha, c, eps);
            }
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        double[] v = state[slab];
        Coefficients co = (Coefficients) coefficients;
        double alpha = co.alpha(), c = co.c(), eps = co.eps();
        if (centered) {
            double[] m = state[slab + 1];
            for (int j = from; j < to; j++) {
                u[j] = scale * centred(u[j], v, m, o + idx[j], alpha, c, eps);
            }
        } else {
            for (int j = from; j < to; j++) {
                u[j] = scale * plain(u[j], v, o + idx[j], alpha, c, eps);
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
}
