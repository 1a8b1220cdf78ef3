package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * Momentum, as PyTorch's SGD (after Sutskever et al., "On the importance of initialization and
 * momentum in deep learning", ICML 2013):
 * <pre>
 *   b ← μ b + (1 - d) g        (at step index 0: b ← g, as PyTorch, which starts the buffer at g)
 *   u = b                      (heavy ball)
 *   u = g + μ b                (nesterov=true)
 * </pre>
 * with momentum μ and dampening d. Followed by {@code scale_by_lr}, this is PyTorch's
 * {@code SGD(momentum, dampening, nesterov)} and Tribuo's {@code SGD} with {@code Momentum.STANDARD}
 * ({@code nesterov=false}) or {@code Momentum.NESTEROV} (both with d = 0). State: slab 0 is b.
 *
 * <p>Sparse (lazy) form: only the listed parameters' buffers decay and update (Tribuo decays every
 * buffer at every step but moves only the listed parameters, so its sparse trajectories differ).
 * Spec: {@code trace(momentum=0.9, dampening=0, nesterov=false)}.
 */
public final class Trace extends SpecIdentified implements Transform {
    private final double momentum;
    private final double dampening;
    final boolean nesterov;

    public Trace(double momentum, double dampening, boolean nesterov) {
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    @Override
    public int slabs() {
        return 1;
    }

    /** The scalars of one step, shared by the double and float kernels: {@code b ← keep b + gain g}, momentum {@code mu}. */
    record Coefficients(double keep, double gain, double mu) {
    }

    @Override
    public Object coefficients(Step step) {
        return new Coefficients(step.index() == 0 ? 0.0 : momentum, step.index() == 0 ? 1.0 : 1 - dampening, momentum);
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double[] b = state[slab];
        Coefficients c = (Coefficients) coefficients;
        double keep = c.keep(), gain = c.gain(), mu = c.mu();
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = scale * element(u[j], b, j, keep, gain, mu, nesterov);
        }
    }

    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float[] b = state[slab];
        Coefficients c = (Coefficients) coefficients;
        float keep = (float) c.keep(), gain = (float) c.gain(), mu = (float) c.mu(), s = (float) scale;
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = s * element(u[j], b, j, keep, gain, mu, nesterov);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        double[] b = state[slab];
        Coefficients c = (Coefficients) coefficients;
        double keep = c.keep(), gain = c.gain(), mu = c.mu();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], b, o + idx[j], keep, gain, mu, nesterov);
        }
    }

    private static double element(double g, double[] b, int k, double keep, double gain, double mu, boolean nesterov) {
        double bk = keep * b[k] + gain * g;
        b[k] = bk;
        return nesterov ? g + mu * bk : bk;
    }

    private static float element(float g, float[] b, int k, float keep, float gain, float mu, boolean nesterov) {
        float bk = keep * b[k] + gain * g;
        b[k] = bk;
        return nesterov ? g + mu * bk : bk;
    }

    @Override
    public Spec spec() {
        return Spec.of("trace").with("momentum", momentum).with("dampening", dampening).with("nesterov", nesterov);
    }
}
