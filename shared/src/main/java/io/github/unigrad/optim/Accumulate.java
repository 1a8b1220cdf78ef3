package io.github.unigrad.optim;

import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.spec.Excerpt;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecException;

/**
 * Gradient accumulation over {@code every = k} steps (Optax {@code MultiSteps}): steps
 * {@code i} with {@code (i+1) mod k ≠ 0} add the gradient to an accumulator and return a zero
 * update; every k-th step hands the mean {@code (acc + g)/k} to the inner optimiser as its step
 * {@code i / k} and clears the accumulator. The inner optimiser's schedule runs in its own steps:
 * {@link #learningRate} at outer step i is the inner rate at {@code i / k}. The accumulator is the
 * last slab.
 *
 * <p>Sparse (lazy) form: a parameter's accumulated gradient is handed on at the first boundary step
 * in which it is listed (so a parameter absent from a boundary step carries its sum into the next
 * window). The inner optimiser may not need the gradient's global norm (the accumulated gradient's
 * norm is unknown before the pass): put {@code clip_by_global_norm} outside, e.g. around the
 * framework's gradient. Spec: {@code accumulate(inner=..., every=k)}.
 */
public final class Accumulate extends Wrapper {
    private final int every;

    public Accumulate(Optimiser inner, int every) {
        super(rejectSummary(withoutFinalAdjustment("accumulate", inner)), 1,
                Spec.of("accumulate").with("inner", inner.spec()).with("every", every));
        this.every = every;
    }

    private static Optimiser rejectSummary(Optimiser inner) {
        if (inner.needsGradientSummary()) {
            throw new SpecException("accumulate cannot wrap " + Excerpt.of(inner.spec())
                    + ": it needs the global norm of the gradient it receives, which is unknown for an accumulated one");
        }
        return inner;
    }

    @Override
    public double learningRate(long index) {
        return inner.learningRate(Schedule.checkStep(index) / every);
    }

    @Override
    public Step begin(long index, GradientSummary summary) {
        boolean boundary = (index + 1) % every == 0;
        Step in = boundary ? inner.begin(index / every, null) : null;
        return new Step(index, learningRate(index), summary, in);
    }

    @Override
    public void dense(Step step, double[] u, double[] p, int o, double[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        double[] acc = state[ownSlab()];
        if (step.inner() == null) {
            for (int j = o, end = o + n; j < end; j++) {
                acc[j] += u[j];
                u[j] = 0.0;
            }
            return;
        }
        double k = every;
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = (acc[j] + u[j]) / k;
            acc[j] = 0.0;
        }
        inner.dense(step.inner(), u, p, o, state, n);
    }

    @Override
    public void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state) {
        StepArguments.sparse(this, slabs(), needsParameters(), u, from, to, idx, p, o, state, 0);
        double[] acc = state[ownSlab()];
        if (step.inner() == null) {
            for (int j = from; j < to; j++) {
                acc[o + idx[j]] += u[j];
                u[j] = 0.0;
            }
            return;
        }
        double k = every;
        for (int j = from; j < to; j++) {
            int s = o + idx[j];
            u[j] = (acc[s] + u[j]) / k;
            acc[s] = 0.0;
        }
        inner.sparse(step.inner(), u, from, to, idx, p, o, state);
    }
}
