package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

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
public final class ScaleByRadam extends SpecIdentified implements Transform {
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

    /**
     * The scalars of one step, shared by the double and float kernels: {@code m ← b1 m + c1 g},
     * {@code v ← b2 v + c2 g²}, and {@code u = a m / (√v + eps)} while {@code adaptive} (ρ_t above the
     * threshold: {@code a = r_t √(1-β2^t)/(1-β1^t)}), else {@code u = a m} ({@code a = 1/(1-β1^t)}).
     */
    private record Coefficients(double b1, double c1, double b2, double c2, double a, boolean adaptive, double eps) {
    }

    private final StepMemo<Coefficients> memo = new StepMemo<>(this::coefficientsAt);

    /** This step's coefficients, computed once per step ({@link StepMemo}). */
    private Coefficients coefficients(Step step) {
        return memo.at(step.t());
    }

    private Coefficients coefficientsAt(long count) {
        double t = count;
        double bias1 = 1 - Math.pow(beta1, t);
        double b2t = Math.pow(beta2, t);
        double bias2 = 1 - b2t;
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * b2t / bias2;
        boolean adaptive = rhoT > threshold;
        double a = 1 / bias1;
        if (adaptive) {
            double r = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            a = r * Math.sqrt(bias2) / bias1;
        }
        return new Coefficients(beta1, 1 - beta1, beta2, 1 - beta2, a, adaptive, eps);
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        Coefficients c = coefficients(step);
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), a = c.a(), eps = c.eps();
        boolean adaptive = c.adaptive();
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], m, v, j, b1, c1, b2, c2, a, adaptive, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], m, v, k, b1, c1, b2, c2, a, adaptive, eps);
            }
        }
    }

    /** The float kernel: the double kernel's loop and formula in float, with the same coefficients rounded to float. */
    @Override
    public void dense(Step step, double scale, float[] u, float[] p, int o, float[][] state, int slab, int so, int n) {
        float[] m = state[slab];
        float[] v = state[slab + 1];
        Coefficients c = coefficients(step);
        float b1 = (float) c.b1(), c1 = (float) c.c1(), b2 = (float) c.b2(), c2 = (float) c.c2(), a = (float) c.a(),
                eps = (float) c.eps(), s = (float) scale;
        boolean adaptive = c.adaptive();
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = s * element(u[j], m, v, j, b1, c1, b2, c2, a, adaptive, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = s * element(u[j], m, v, k, b1, c1, b2, c2, a, adaptive, eps);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        Coefficients c = coefficients(step);
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), a = c.a(), eps = c.eps();
        boolean adaptive = c.adaptive();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, v, so + idx[j], b1, c1, b2, c2, a, adaptive, eps);
        }
    }

    private static double element(double g, double[] m, double[] v, int k, double b1, double c1, double b2, double c2,
                                  double a, boolean adaptive, double eps) {
        double mk = b1 * m[k] + c1 * g;
        double vk = b2 * v[k] + c2 * g * g;
        m[k] = mk;
        v[k] = vk;
        return adaptive ? a * mk / (Math.sqrt(vk) + eps) : a * mk;
    }

    private static float element(float g, float[] m, float[] v, int k, float b1, float c1, float b2, float c2,
                                 float a, boolean adaptive, float eps) {
        float mk = b1 * m[k] + c1 * g;
        float vk = b2 * v[k] + c2 * g * g;
        m[k] = mk;
        v[k] = vk;
        return adaptive ? a * mk / ((float) Math.sqrt(vk) + eps) : a * mk;
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_radam").with("b1", beta1).with("b2", beta2).with("eps", eps).with("threshold", threshold);
    }
}
