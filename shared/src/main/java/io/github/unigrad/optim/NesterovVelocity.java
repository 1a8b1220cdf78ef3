package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * Nesterov momentum with the learning rate inside the velocity, as DL4J's {@code Nesterovs}
 * (after the CS231n notes, "Nesterov momentum", and Bengio et al. 2013, eq. 7):
 * <pre>
 *   v ← μ v - η_t g
 *   u = μ v_prev - (1 + μ) v
 * </pre>
 * State: slab 0 is v, with DL4J's sign and layout, in the same operation order as DL4J's native
 * {@code nesterovs_updater} ({@code prev = μ v; v = prev - η g; u = prev + (-μ - 1) v}).
 * For a constant rate this equals PyTorch's Nesterov SGD; when η changes, the velocity keeps the
 * old rates, as in DL4J. It reads η_t from the step, so a chain using it has no {@code scale_by_lr}.
 *
 * <p>Sparse (lazy) form: only the listed parameters' velocities decay and update.
 * Spec: {@code nesterov_velocity(momentum=0.9)}.
 */
public final class NesterovVelocity extends SpecIdentified implements Transform {
    private final double momentum;

    public NesterovVelocity(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public int slabs() {
        return 1;
    }

    /** The scalars of one step, shared by the double and float kernels: {@code v ← mu v - lr g}, and {@code -mu - 1}. */
    record Coefficients(double mu, double lr, double back) {
    }

    @Override
    public Object coefficients(Step step) {
        return new Coefficients(momentum, step.learningRate(), -momentum - 1);
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double[] v = state[slab];
        Coefficients c = (Coefficients) coefficients;
        double mu = c.mu(), lr = c.lr(), back = c.back();
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = scale * element(u[j], v, j, mu, lr, back);
        }
    }

    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float[] v = state[slab];
        Coefficients c = (Coefficients) coefficients;
        float mu = (float) c.mu(), lr = (float) c.lr(), back = (float) c.back(), s = (float) scale;
        int end = o + n;
        for (int j = o; j < end; j++) {
            u[j] = s * element(u[j], v, j, mu, lr, back);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        double[] v = state[slab];
        Coefficients c = (Coefficients) coefficients;
        double mu = c.mu(), lr = c.lr(), back = c.back();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], v, o + idx[j], mu, lr, back);
        }
    }

    private static double element(double g, double[] v, int k, double mu, double lr, double back) {
        double prev = mu * v[k];
        double vk = prev - lr * g;
        v[k] = vk;
        return prev + back * vk;
    }

    private static float element(float g, float[] v, int k, float mu, float lr, float back) {
        float prev = mu * v[k];
        float vk = prev - lr * g;
        v[k] = vk;
        return prev + back * vk;
    }

    @Override
    public Spec spec() {
        return Spec.of("nesterov_velocity").with("momentum", momentum);
    }
}
