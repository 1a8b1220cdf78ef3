package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * Lion's direction (Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023, Program 1):
 * <pre>
 *   u = sign(β1 m + (1-β1) g)
 *   m ← β2 m + (1-β2) g
 * </pre>
 * ({@code sign(0) = 0}). Lion's decoupled weight decay is {@code add_decayed_weights} after it.
 * State: slab 0 is m.
 *
 * <p>Sparse (lazy) form: only the listed parameters' momenta decay and update.
 * Spec: {@code scale_by_lion(b1=0.9, b2=0.99)}.
 */
public final class ScaleByLion extends SpecIdentified implements Transform {
    private final double beta1;
    private final double beta2;

    public ScaleByLion(double beta1, double beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    public int slabs() {
        return 1;
    }

    /**
     * The scalars shared by the double and float kernels: {@code u = sign(b1 m + c1 g)},
     * {@code m ← b2 m + c2 g}, with {@code c1 = 1 - b1} and {@code c2 = 1 - b2}.
     */
    private record Coefficients(double b1, double c1, double b2, double c2) {
    }

    @Override
    public Object coefficients(Step step) {
        return new Coefficients(beta1, 1 - beta1, beta2, 1 - beta2);
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double[] m = state[slab];
        Coefficients co = (Coefficients) coefficients;
        double b1 = co.b1(), c1 = co.c1(), b2 = co.b2(), c2 = co.c2();
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = scale * element(u[j], m, j, b1, c1, b2, c2);
        }
    }

    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float[] m = state[slab];
        Coefficients co = (Coefficients) coefficients;
        float b1 = (float) co.b1(), c1 = (float) co.c1(), b2 = (float) co.b2(), c2 = (float) co.c2(), s = (float) scale;
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = s * element(u[j], m, j, b1, c1, b2, c2);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        double[] m = state[slab];
        Coefficients co = (Coefficients) coefficients;
        double b1 = co.b1(), c1 = co.c1(), b2 = co.b2(), c2 = co.c2();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], m, o + idx[j], b1, c1, b2, c2);
        }
    }

    private static double element(double g, double[] m, int k, double b1, double c1, double b2, double c2) {
        double mk = m[k];
        double c = b1 * mk + c1 * g;
        m[k] = b2 * mk + c2 * g;
        return Math.signum(c);
    }

    private static float element(float g, float[] m, int k, float b1, float c1, float b2, float c2) {
        float mk = m[k];
        float c = b1 * mk + c1 * g;
        m[k] = b2 * mk + c2 * g;
        return Math.signum(c);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_lion").with("b1", beta1).with("b2", beta2);
    }
}
