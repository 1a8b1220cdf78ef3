package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * Weight decay: {@code u ← u + λ θ} (Optax {@code add_decayed_weights}). Placed after the rule's
 * direction and before {@code scale_by_lr} it is decoupled weight decay (Loshchilov and Hutter,
 * "Decoupled Weight Decay Regularization", ICLR 2019): the update gains {@code η_t λ θ}, which is
 * DL4J's {@code WeightDecay(λ, applyLR=true)}. Placed first it is L2 regularisation added to the
 * gradient (PyTorch SGD's {@code weight_decay}, DL4J's {@code L2Regularization(λ)}).
 * {@link Optimiser#splitWeightDecay()} hands either form to a host that applies it itself.
 *
 * <p>Sparse (lazy) form: only the listed parameters decay.
 * Spec: {@code add_decayed_weights(weightDecay)}.
 */
public final class AddDecayedWeights extends SpecIdentified implements Transform {
    private final double weightDecay;

    public AddDecayedWeights(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public boolean needsParameters() {
        return true;
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double wd = weightDecay;
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = scale * (u[j] + wd * p[j]);
        }
    }

    /** The float kernel: the double kernel's loop in float, with the weight decay and scale rounded to float. */
    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float wd = (float) weightDecay, s = (float) scale;
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = s * (u[j] + wd * p[j]);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
        double wd = weightDecay;
        for (int j = from; j < to; j++) {
            u[j] = scale * (u[j] + wd * p[o + idx[j]]);
        }
    }

    @Override
    public Spec spec() {
        return Spec.of("add_decayed_weights").with("weightDecay", weightDecay);
    }
}
