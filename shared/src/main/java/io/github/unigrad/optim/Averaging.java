package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * Parameter averaging (Polyak and Juditsky, "Acceleration of Stochastic Approximation by
 * Averaging", SIAM J. Control Optim. 1992; Ruppert 1988): train with the inner optimiser, evaluate
 * with the mean of the iterates. Kept without reading the parameters: with inner updates
 * {@code u_t} (t = 1..T), the last slab holds {@code A = Σ w_t u_t} and the mean iterate is
 * {@code θ_T + A/T}, where
 * <ul>
 *   <li>{@code w_t = t - 1}: the mean of θ_1..θ_T (the iterates after each step; default);</li>
 *   <li>{@code w_t = t} ({@code includeInitial=true}): the mean of θ_0..θ_{T-1}, Tribuo's
 *       {@code ParameterAveraging}.</li>
 * </ul>
 * {@link #finalAdjustment} writes {@code -A/T}. Sparse form: exact (unlisted entries have u = 0),
 * as long as the inner rule leaves unlisted parameters still.
 * Spec: {@code averaging(inner=..., includeInitial=false)}.
 */
public final class Averaging extends Wrapper {
    private final boolean includeInitial;

    public Averaging(Optimiser inner, boolean includeInitial) {
        super(withoutFinalAdjustment("averaging", inner), 1,
                Spec.of("averaging").with("inner", inner.spec()).with("includeInitial", includeInitial));
        this.includeInitial = includeInitial;
    }

    @Override
    public Step begin(long index, GradientSummary summary) {
        double w = includeInitial ? index + 1 : index;
        return new Step(index, learningRate(index), summary, inner.begin(index, summary), w);
    }

    @Override
    public void dense(Step step, double[] u, double[] p, int o, double[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        inner.dense(step.inner(), u, p, o, state, n);
        double[] a = state[ownSlab()];
        double w = step.scalar(0);
        for (int j = o, end = o + n; j < end; j++) {
            a[j] += w * u[j];
        }
    }

    @Override
    public void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state) {
        StepArguments.sparse(this, slabs(), needsParameters(), u, from, to, idx, p, o, state, 0);
        inner.sparse(step.inner(), u, from, to, idx, p, o, state);
        double[] a = state[ownSlab()];
        double w = step.scalar(0);
        for (int j = from; j < to; j++) {
            a[o + idx[j]] += w * u[j];
        }
    }

    @Override
    public boolean hasFinalAdjustment() {
        return true;
    }

    @Override
    public void finalAdjustment(long steps, double[] u, double[] p, int o, double[][] state, int n) {
        double[] a = state[ownSlab()];
        double scale = steps == 0 ? 0.0 : -1.0 / steps;
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = scale * a[j];
        }
    }
}
