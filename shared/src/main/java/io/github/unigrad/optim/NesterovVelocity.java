package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

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
public final class NesterovVelocity implements Transform {
    private final double momentum;

    public NesterovVelocity(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public int slabs() {
        return 1;
    }

    @Override
    public void dense(Step step, double scale, double[] u, double[] p, int o, double[][] state, int slab, int so, int n) {
        double[] v = state[slab];
        double lr = step.learningRate();
        int end = o + n;
        if (so == o) { // same index in every array: the JIT vectorises this loop
            for (int j = o; j < end; j++) {
                u[j] = scale * element(u[j], v, j, momentum, lr);
            }
        } else {
            for (int j = o, k = so; j < end; j++, k++) {
                u[j] = scale * element(u[j], v, k, momentum, lr);
            }
        }
    }

    @Override
    public void sparse(Step step, double scale, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int slab, int so) {
        double[] v = state[slab];
        double lr = step.learningRate();
        for (int j = from; j < to; j++) {
            u[j] = scale * element(u[j], v, so + idx[j], momentum, lr);
        }
    }

    private static double element(double g, double[] v, int k, double mu, double lr) {
        double prev = mu * v[k];
        double vk = prev - lr * g;
        v[k] = vk;
        return prev + (-mu - 1) * vk;
    }

    @Override
    public Spec spec() {
        return Spec.of("nesterov_velocity").with("momentum", momentum);
    }
}
