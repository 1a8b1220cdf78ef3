package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * Lookahead (Zhang, Lucas, Hinton and Ba, "Lookahead Optimizer: k steps forward, 1 step back",
 * NeurIPS 2019, Algorithm 1): the inner optimiser moves the fast weights θ; every k steps the slow
 * weights move {@code φ ← φ + α(θ - φ)} and the fast weights restart there, {@code θ ← φ}.
 *
 * <p>Kept in delta form, without reading the parameters: the last slab holds the drift
 * {@code D = θ - φ}. With the inner update {@code u'}, {@code D ← D - u'}; on a synchronising step
 * ({@code (i+1) mod k = 0}) the update becomes {@code u' + (1-α) D} and D returns to 0. The
 * parameters to evaluate with are the slow weights {@code φ = θ - D} ({@link #finalAdjustment}).
 *
 * <p>Sparse (lazy) form: an unlisted parameter's drift is kept and it synchronises at the first
 * synchronising step in which it is listed. Spec: {@code lookahead(inner=..., k=5, alpha=0.5)}.
 */
public final class Lookahead extends Wrapper {
    private final int k;
    private final double alpha;

    public Lookahead(Optimiser inner, int k, double alpha) {
        super(withoutFinalAdjustment("lookahead", inner), 1,
                Spec.of("lookahead").with("inner", inner.spec()).with("k", k).with("alpha", alpha));
        this.k = k;
        this.alpha = alpha;
    }

    @Override
    public Step begin(long index, GradientSummary summary) {
        boolean sync = (index + 1) % k == 0;
        return new Step(index, learningRate(index), summary, inner.begin(index, summary), sync ? 1.0 : 0.0);
    }

    @Override
    public void dense(Step step, double[] u, double[] p, int o, double[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        inner.dense(step.inner(), u, p, o, state, n);
        double[] drift = state[ownSlab()];
        if (step.scalar(0) != 0) {
            double back = 1 - alpha;
            for (int j = o, end = o + n; j < end; j++) {
                u[j] += back * (drift[j] - u[j]);
                drift[j] = 0.0;
            }
        } else {
            for (int j = o, end = o + n; j < end; j++) {
                drift[j] -= u[j];
            }
        }
    }

    @Override
    public void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state) {
        StepArguments.sparse(this, slabs(), needsParameters(), u, from, to, idx, p, o, state, 0);
        inner.sparse(step.inner(), u, from, to, idx, p, o, state);
        double[] drift = state[ownSlab()];
        if (step.scalar(0) != 0) {
            double back = 1 - alpha;
            for (int j = from; j < to; j++) {
                int s = o + idx[j];
                u[j] += back * (drift[s] - u[j]);
                drift[s] = 0.0;
            }
        } else {
            for (int j = from; j < to; j++) {
                drift[o + idx[j]] -= u[j];
            }
        }
    }

    @Override
    public boolean hasFinalAdjustment() {
        return true;
    }

    /** Writes the drift D: the slow weights are {@code θ - D}. */
    @Override
    public void finalAdjustment(long steps, double[] u, double[] p, int o, double[][] state, int n) {
        System.arraycopy(state[ownSlab()], o, u, o, n);
    }
}
