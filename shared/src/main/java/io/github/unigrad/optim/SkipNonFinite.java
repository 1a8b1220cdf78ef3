package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Skips a step whose gradient holds a NaN or an infinity (Optax {@code apply_if_finite}): the
 * update is zero and the inner optimiser's state is left untouched. The step index still advances
 * (it comes from outside), so schedules and bias corrections count skipped steps.
 *
 * <p>{@link #skipped()} counts the skips seen by this object: a diagnostic only, which never
 * affects the trajectory (it is not part of the state and is not saved).
 * Spec: {@code skip_nonfinite(inner=...)}.
 */
public final class SkipNonFinite extends Wrapper {
    private final AtomicLong skipped = new AtomicLong();

    public SkipNonFinite(Optimiser inner) {
        super(inner, 0, Spec.of("skip_nonfinite").with("inner", inner.spec()));
    }

    /** Steps skipped so far by this object (diagnostic). */
    public long skipped() {
        return skipped.get();
    }

    @Override
    public boolean needsGradientSummary() {
        return true;
    }

    @Override
    public Step begin(long index, GradientSummary summary) {
        if (summary == null) {
            throw new IllegalArgumentException(spec() + " needs the gradient's summary at every step");
        }
        if (!summary.isFinite()) {
            skipped.incrementAndGet();
            return new Step(index, learningRate(index), summary, null);
        }
        return new Step(index, learningRate(index), summary, inner.begin(index, summary));
    }

    @Override
    public void dense(Step step, double[] u, double[] p, int o, double[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        if (step.inner() == null) {
            java.util.Arrays.fill(u, o, o + n, 0.0);
        } else {
            inner.dense(step.inner(), u, p, o, state, n);
        }
    }

    @Override
    public void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state) {
        StepArguments.sparse(this, slabs(), needsParameters(), u, from, to, idx, p, o, state, 0);
        if (step.inner() == null) {
            java.util.Arrays.fill(u, from, to, 0.0);
        } else {
            inner.sparse(step.inner(), u, from, to, idx, p, o, state);
        }
    }

    @Override
    public void dense(Step step, float[] u, float[] p, int o, float[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        if (step.inner() == null) {
            java.util.Arrays.fill(u, o, o + n, 0f);
        } else {
            inner.dense(step.inner(), u, p, o, state, n);
        }
    }

    @Override
    public boolean hasFinalAdjustment() {
        return inner.hasFinalAdjustment();
    }

    @Override
    public void finalAdjustment(long steps, double[] u, double[] p, int o, double[][] state, int n) {
        inner.finalAdjustment(steps, u, p, o, state, n);
    }
}
