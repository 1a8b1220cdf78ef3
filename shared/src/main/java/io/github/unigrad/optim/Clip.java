package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * Clipping by value: {@code u ← min(max(u, -max), max)} entry by entry (Optax {@code clip},
 * PyTorch {@code clip_grad_value_}). Stateless; the sparse step clips the listed entries, which is
 * exactly the dense step since unlisted entries are zero. Spec: {@code clip(max)}.
 */
public final class Clip extends SpecIdentified implements Transform {
    private final double max;

    public Clip(double max) {
        this.max = max;
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        clip(u, o, o + n, max, scale);
    }

    /** The float kernel: the double kernel's loop in float, with max and scale rounded to float. */
    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        clip(u, o, o + n, (float) max, (float) scale);
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        clip(u, from, to, max, scale);
    }

    private static void clip(double[] u, int from, int to, double max, double scale) {
        for (int j = from; j < to; j++) {
            u[j] = scale * Math.min(Math.max(u[j], -max), max);
        }
    }

    private static void clip(float[] u, int from, int to, float max, float scale) {
        for (int j = from; j < to; j++) {
            u[j] = scale * Math.min(Math.max(u[j], -max), max);
        }
    }

    @Override
    public Spec spec() {
        return Spec.of("clip").with("max", max);
    }
}
