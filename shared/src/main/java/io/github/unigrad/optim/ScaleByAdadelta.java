package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

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
public final class ScaleByAdadelta implements Transform {
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

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] msg = state[slab];
        double[] msdx = state[slab + 1];
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], msg, msdx, j, rho, eps);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], msg, msdx, k, rho, eps);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] msg = state[slab];
        double[] msdx = state[slab + 1];
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], msg, msdx, so + idx[j], rho, eps);
        }
    }

    private static double element(double g, double[] msg, double[] msdx, int k, double rho, double eps) {
        double sg = rho * msg[k] + (1 - rho) * g * g;
        double x = msdx[k];
        double delta = g * (Math.sqrt(x + eps) / Math.sqrt(sg + eps));
        msg[k] = sg;
        msdx[k] = rho * x + (1 - rho) * delta * delta;
        return delta;
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adadelta").with("rho", rho).with("eps", eps);
    }
}
