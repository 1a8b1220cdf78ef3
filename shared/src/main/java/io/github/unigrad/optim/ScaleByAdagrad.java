package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * AdaGrad's direction (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning
 * and Stochastic Optimization", JMLR 2011):
 * <pre>
 *   G ← G + g²
 *   u = g / (√G + ε)
 * </pre>
 * with G starting at {@code initialAccumulator}. ε outside the square root is the convention of
 * PyTorch, DL4J and Tribuo alike (Optax puts it inside). DL4J starts G at ε; Tribuo at its
 * {@code initialValue} and, with example weight w, feeds {@code w g} (which the adapter does).
 * State: slab 0 is G (DL4J's layout).
 *
 * <p>Sparse (lazy) form: only the listed parameters' accumulators grow, which is exact, since an
 * unlisted entry's gradient is zero. Spec: {@code scale_by_adagrad(eps=1e-10, initialAccumulator=0)}.
 */
public final class ScaleByAdagrad extends SpecIdentified implements Transform {
    private final double eps;
    private final double initialAccumulator;

    public ScaleByAdagrad(double eps, double initialAccumulator) {
        this.eps = eps;
        this.initialAccumulator = initialAccumulator;
    }

    @Override
    public int slabs() {
        return 1;
    }

    @Override
    public double initialValue(int k) {
        return initialAccumulator;
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] acc = state[slab];
        double eps = this.eps;
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], acc, j, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], acc, k, eps);
            }
        }
    }

    /** The float kernel: the double kernel's loop and formula in float, with ε rounded to float. */
    @Override
    public void dense(Step step, double scale, float[] u, float[] p, int o, float[][] state, int slab, int so, int n) {
        float[] acc = state[slab];
        float eps = (float) this.eps, s = (float) scale;
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = s * element(u[j], acc, j, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = s * element(u[j], acc, k, eps);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] acc = state[slab];
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], acc, so + idx[j], eps);
        }
    }

    private static double element(double g, double[] acc, int k, double eps) {
        double a = acc[k] + g * g;
        acc[k] = a;
        return g / (Math.sqrt(a) + eps);
    }

    private static float element(float g, float[] acc, int k, float eps) {
        float a = acc[k] + g * g;
        acc[k] = a;
        return g / ((float) Math.sqrt(a) + eps);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adagrad").with("eps", eps).with("initialAccumulator", initialAccumulator);
    }
}
