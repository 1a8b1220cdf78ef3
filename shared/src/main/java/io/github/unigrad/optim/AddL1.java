package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * The L1 penalty's subgradient: {@code u ← u + λ sign(θ)}, with sign(0) = 0 (the subgradient of
 * λ|θ| at 0 closest to 0), so a parameter at exactly 0 gets no push. Placed first it adds the
 * penalty λ‖θ‖₁ to the objective (coupled, like {@code add_decayed_weights} first for L2); the
 * subgradient rarely lands on exactly 0, so for sparse models use {@link ProxL1} or {@code ftrl}.
 *
 * <p>Sparse (lazy) form: only the listed parameters are penalised. Spec: {@code add_l1(strength)}.
 */
public final class AddL1 extends SpecIdentified implements Transform {
    private final double strength;

    public AddL1(double strength) {
        this.strength = strength;
    }

    @Override
    public boolean needsParameters() {
        return true;
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double l1 = strength;
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = scale * (u[j] + l1 * Math.signum(p[j]));
        }
    }

    /** The float kernel: the double kernel's loop in float, with the strength and scale rounded to float. */
    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float l1 = (float) strength, s = (float) scale;
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = s * (u[j] + l1 * Math.signum(p[j]));
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o,
                       double[][] state, int slab) {
        double l1 = strength;
        for (int j = from; j < to; j++) {
            u[j] = scale * (u[j] + l1 * Math.signum(p[o + idx[j]]));
        }
    }

    @Override
    public Spec spec() {
        return Spec.of("add_l1").with("strength", strength);
    }
}
