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
public final class ScaleByAdamax extends ScaleByMoments {
    private final boolean epsInMax;

    public ScaleByAdamax(double beta1, double beta2, double eps, boolean epsInMax) {
        super(beta1, beta2, eps, false, false);
        this.epsInMax = epsInMax;
    }

    /**
     * The scalars of one step, shared by the double and float kernels: {@code m ← b1 m + c1 g},
     * {@code r ← max(b2 r, |g| + inside) + outside}, {@code u = a m / r}, where {@code a = 1/(1-β1^t)}
     * and ε is {@code inside} (epsInMax) or {@code outside}, the other 0.
     */
    private record MaxCoefficients(double b1, double c1, double b2, double a, double inside, double outside) {
    }

    @Override
    public Object coefficients(Step step) {
        return new MaxCoefficients(beta1, 1 - beta1, beta2, 1 / biasCorrection(beta1, step.t()),
                epsInMax ? eps : 0.0, epsInMax ? 0.0 : eps);
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double[] m = state[slab];
        double[] r = state[slab + 1];
        MaxCoefficients c = (MaxCoefficients) coefficients;
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), a = c.a(), inside = c.inside(), outside = c.outside();
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = scale * element(u[j], m, r, j, b1, c1, b2, a, inside, outside);
        }
    }

    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float[] m = state[slab];
        float[] r = state[slab + 1];
        MaxCoefficients c = (MaxCoefficients) coefficients;
        float b1 = (float) c.b1(), c1 = (float) c.c1(), b2 = (float) c.b2(), a = (float) c.a(),
                inside = (float) c.inside(), outside = (float) c.outside(), s = (float) scale;
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = s * element(u[j], m, r, j, b1, c1, b2, a, inside, outside);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        double[] m = state[slab];
        double[] r = state[slab + 1];
        MaxCoefficients c = (MaxCoefficients) coefficients;
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), a = c.a(), inside = c.inside(), outside = c.outside();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, r, o + idx[j], b1, c1, b2, a, inside, outside);
        }
    }

    private static double element(double g, double[] m, double[] r, int k, double b1, double c1, double b2, double a,
                                  double inside, double outside) {
        double mk = b1 * m[k] + c1 * g;
        double rk = Math.max(b2 * r[k], Math.abs(g) + inside) + outside;
        m[k] = mk;
        r[k] = rk;
        return a * mk / rk;
    }

    private static float element(float g, float[] m, float[] r, int k, float b1, float c1, float b2, float a,
                                 float inside, float outside) {
        float mk = b1 * m[k] + c1 * g;
        float rk = Math.max(b2 * r[k], Math.abs(g) + inside) + outside;
        m[k] = mk;
        r[k] = rk;
        return a * mk / rk;
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adamax").with("b1", beta1).with("b2", beta2).with("eps", eps).with("epsInMax", epsInMax);
    }
}
