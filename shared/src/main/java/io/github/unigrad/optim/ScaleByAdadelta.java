package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * AdaDelta's direction (Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012, Algorithm 1):
 * <pre>
 *   E[g²] ← ρ E[g²] + (1-ρ) g²
 *   u = g · √(E[Δ²] + ε) / √(E[g²] + ε)
 *   E[Δ²] ← ρ E[Δ²] + (1-ρ) u²
 * </pre>
 * The same formula in PyTorch (which then scales by lr, default 1), DL4J's {@code AdaDelta} and
 * Tribuo's {@code AdaDelta} (neither has a learning rate: {@code lr=1}). State: slab 0 is E[g²],
 * slab 1 is E[Δ²] (DL4J's layout {@code [msg | msdx]}).
 *
 * <p>Sparse (lazy) form: only the listed parameters' averages decay and update (Tribuo decays every
 * entry at every step, so its sparse trajectories differ). Spec: {@code scale_by_adadelta(rho=0.9, eps=1e-6)}.
 */
public final class ScaleByAdadelta extends SpecIdentified implements Transform {
    private final double rho;
    private final double eps;

    public ScaleByAdadelta(double rho, double eps) {
        this.rho = rho;
        this.eps = eps;
    }

    @Override
    public int slabs() {
        return 2;
    }

    /**
     * The scalars shared by the double and float kernels: {@code E ← rho E + c x²} for both averages,
     * with {@code c = 1 - rho}, and ε.
     */
    private record Coefficients(double rho, double c, double eps) {
    }

    @Override
    public Object coefficients(Step step) {
        return new Coefficients(rho, 1 - rho, eps);
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double[] msg = state[slab];
        double[] msdx = state[slab + 1];
        Coefficients co = (Coefficients) coefficients;
        double rho = co.rho(), c = co.c(), eps = co.eps();
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = scale * element(u[j], msg, msdx, j, rho, c, eps);
        }
    }

    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float[] msg = state[slab];
        float[] msdx = state[slab + 1];
        Coefficients co = (Coefficients) coefficients;
        float rho = (float) co.rho(), c = (float) co.c(), eps = (float) co.eps(), s = (float) scale;
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = s * element(u[j], msg, msdx, j, rho, c, eps);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        double[] msg = state[slab];
        double[] msdx = state[slab + 1];
        Coefficients co = (Coefficients) coefficients;
        double rho = co.rho(), c = co.c(), eps = co.eps();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], msg, msdx, o + idx[j], rho, c, eps);
        }
    }

    private static double element(double g, double[] msg, double[] msdx, int k, double rho, double c, double eps) {
        double sg = rho * msg[k] + c * g * g;
        double x = msdx[k];
        double delta = g * (Math.sqrt(x + eps) / Math.sqrt(sg + eps));
        msg[k] = sg;
        msdx[k] = rho * x + c * delta * delta;
        return delta;
    }

    private static float element(float g, float[] msg, float[] msdx, int k, float rho, float c, float eps) {
        float sg = rho * msg[k] + c * g * g;
        float x = msdx[k];
        float delta = g * ((float) Math.sqrt(x + eps) / (float) Math.sqrt(sg + eps));
        msg[k] = sg;
        msdx[k] = rho * x + c * delta * delta;
        return delta;
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adadelta").with("rho", rho).with("eps", eps);
    }
}
