package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * Adam's direction (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1):
 * <pre>
 *   m ← β1 m + (1-β1) g
 *   v ← β2 v + (1-β2) g²
 *   u = m̂ / (√v̂ + ε),   m̂ = m / (1-β1^t),  v̂ = v / (1-β2^t)
 * </pre>
 * State: slab 0 is m, slab 1 is v (DL4J's layout, {@code [M | V]}).
 *
 * <p>With {@code epsilonHat=true}, ε is added to the uncorrected √v instead, which is DL4J's and the
 * paper's "efficient version" (Section 2): {@code u = √(1-β2^t)/(1-β1^t) · m / (√v + ε)}.
 *
 * <p>With {@code amsgrad=true} (Reddi, Kale and Kumar, "On the Convergence of Adam and Beyond", ICLR
 * 2018), the denominator uses the running maximum {@code v̄ ← max(v̄, v)} of the raw second moment,
 * bias-corrected as v is (PyTorch's {@code amsgrad=True}; with {@code epsilonHat=true}, DL4J's
 * {@code AMSGrad}). Slab 2 is v̄ (DL4J's layout {@code [M | V | V_HAT]}).
 *
 * <p>Sparse (lazy) form: only the listed parameters' moments decay and update, as TensorFlow's
 * LazyAdam; the bias correction uses the global step.
 * Spec: {@code scale_by_adam(b1=0.9, b2=0.999, eps=1e-8, epsilonHat=false, amsgrad=false)}.
 */
public final class ScaleByAdam extends SpecIdentified implements Transform {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean epsilonHat;
    private final boolean amsgrad;

    public ScaleByAdam(double beta1, double beta2, double eps, boolean epsilonHat, boolean amsgrad) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.epsilonHat = epsilonHat;
        this.amsgrad = amsgrad;
    }

    @Override
    public int slabs() {
        return amsgrad ? 3 : 2;
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
        double[] v = state[slab + 1];
        MomentCoefficients c = coefficients(step);
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), a = c.a(), vs = c.vs(), eps = c.eps();
        int end = o + n;
        if (amsgrad) {
            double[] vMax = state[slab + 2];
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = scale * amsgrad(u[j], m, v, vMax, j, b1, c1, b2, c2, a, vs, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = scale * amsgrad(u[j], m, v, vMax, k, b1, c1, b2, c2, a, vs, eps);
                }
            }
        } else {
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = scale * adam(u[j], m, v, j, b1, c1, b2, c2, a, vs, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = scale * adam(u[j], m, v, k, b1, c1, b2, c2, a, vs, eps);
                }
            }
        }
    }

    /** The float kernel: the double kernel's loops and formulas in float, with the same coefficients rounded to float. */
    @Override
    public void dense(Step step, double scale, float[] u, float[] p, int o, float[][] state, int slab, int so, int n) {
        float[] m = state[slab];
        float[] v = state[slab + 1];
        MomentCoefficients c = coefficients(step);
        float b1 = (float) c.b1(), c1 = (float) c.c1(), b2 = (float) c.b2(), c2 = (float) c.c2(), a = (float) c.a(),
                vs = (float) c.vs(), eps = (float) c.eps(), s = (float) scale;
        int end = o + n;
        if (amsgrad) {
            float[] vMax = state[slab + 2];
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = s * amsgrad(u[j], m, v, vMax, j, b1, c1, b2, c2, a, vs, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = s * amsgrad(u[j], m, v, vMax, k, b1, c1, b2, c2, a, vs, eps);
                }
            }
        } else {
            if (so == o) { // same index in every array: the JIT vectorises this loop
                for (int j = o; j < end; j++) {
                    u[j] = s * adam(u[j], m, v, j, b1, c1, b2, c2, a, vs, eps);
                }
            } else {
                for (int j = o, k = so; j < end; j++, k++) {
                    u[j] = s * adam(u[j], m, v, k, b1, c1, b2, c2, a, vs, eps);
                }
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        MomentCoefficients c = coefficients(step);
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), a = c.a(), vs = c.vs(), eps = c.eps();
        if (amsgrad) {
            double[] vMax = state[slab + 2];
            for (int j = from; j < to; j++) {
                u[j] = scale * amsgrad(u[j], m, v, vMax, so + idx[j], b1, c1, b2, c2, a, vs, eps);
            }
        } else {
            for (int j = from; j < to; j++) {
                u[j] = scale * adam(u[j], m, v, so + idx[j], b1, c1, b2, c2, a, vs, eps);
            }
        }
    }

    private static double adam(double g, double[] m, double[] v, int k, double b1, double c1, double b2, double c2,
                               double a, double vs, double eps) {
        double mk = b1 * m[k] + c1 * g;
        double vk = b2 * v[k] + c2 * g * g;
        m[k] = mk;
        v[k] = vk;
        return a * mk / (Math.sqrt(vk * vs) + eps);
    }

    private static float adam(float g, float[] m, float[] v, int k, float b1, float c1, float b2, float c2,
                              float a, float vs, float eps) {
        float mk = b1 * m[k] + c1 * g;
        float vk = b2 * v[k] + c2 * g * g;
        m[k] = mk;
        v[k] = vk;
        return a * mk / ((float) Math.sqrt(vk * vs) + eps);
    }

    private static double amsgrad(double g, double[] m, double[] v, double[] vMax, int k, double b1, double c1,
                                  double b2, double c2, double a, double vs, double eps) {
        double mk = b1 * m[k] + c1 * g;
        double vk = b2 * v[k] + c2 * g * g;
        double hk = Math.max(vMax[k], vk);
        m[k] = mk;
        v[k] = vk;
        vMax[k] = hk;
        return a * mk / (Math.sqrt(hk * vs) + eps);
    }

    private static float amsgrad(float g, float[] m, float[] v, float[] vMax, int k, float b1, float c1,
                                 float b2, float c2, float a, float vs, float eps) {
        float mk = b1 * m[k] + c1 * g;
        float vk = b2 * v[k] + c2 * g * g;
        float hk = Math.max(vMax[k], vk);
        m[k] = mk;
        v[k] = vk;
        vMax[k] = hk;
        return a * mk / ((float) Math.sqrt(hk * vs) + eps);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adam").with("b1", beta1).with("b2", beta2).with("eps", eps)
                .with("epsilonHat", epsilonHat).with("amsgrad", amsgrad);
    }
}
