package io.github.unigrad.schedule;

import io.github.unigrad.spec.Excerpt;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecDescribed;

/**
 * A value (usually the learning rate) as a function of the 0-based step index. Pure: the same step
 * always gives the same value, so nothing about a schedule needs saving with optimiser state.
 *
 * <p><b>Steps and values.</b> A step index lies in {@code [0, MAX_STEP]} ({@link #MAX_STEP} is
 * {@code Long.MAX_VALUE - 1}, so that the 1-based count {@code t = index + 1} of the bias corrections
 * is a long too); {@link #at} refuses any other with an {@link IllegalArgumentException}. Its value is
 * finite and ≥ 0 at every step: the catalogue ({@link Schedules}) refuses, when it parses a spec,
 * hyperparameters that would make it infinite or NaN at some step in that range
 * ({@code exponential(1, gamma=10)} is infinite from step 309), and {@link #at} throws an
 * {@link ArithmeticException} naming the schedule and the step should any other schedule's value stop
 * being finite and ≥ 0, rather than hand a NaN to the optimiser.
 */
public interface Schedule extends SpecDescribed {
    /** The largest step index: {@code Long.MAX_VALUE - 1} (see the class comment). */
    long MAX_STEP = Long.MAX_VALUE - 1;

    /**
     * The value at 0-based step {@code step}: {@link #rate} after checking the step index, and checked to be
     * finite and ≥ 0 (see the class comment).
     */
    default double at(long step) {
        double v = rate(checkStep(step));
        if (!(v >= 0 && v <= Double.MAX_VALUE)) {
            throw new ArithmeticException(Excerpt.of(spec()) + " is " + Spec.formatNumber(v) + " at step " + step
                    + "; a rate must be finite and ≥ 0");
        }
        return v;
    }

    /** The formula, at a step index already checked to lie in {@code [0, MAX_STEP]}; callers use {@link #at}. */
    double rate(long step);

    /** {@code step}, or an {@link IllegalArgumentException} when it is not a step index in {@code [0, MAX_STEP]}. */
    static long checkStep(long step) {
        if (step < 0 || step > MAX_STEP) {
            throw new IllegalArgumentException("step index " + step + " is out of range; allowed [0, " + MAX_STEP
                    + "] (0-based, so that the count index + 1 is a long)");
        }
        return step;
    }
}
