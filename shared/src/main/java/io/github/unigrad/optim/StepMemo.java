package io.github.unigrad.optim;

import java.util.function.LongFunction;

/**
 * The per-step coefficients of a transform that depend on the step count {@code t} alone (bias
 * corrections: two or more {@code Math.pow} per step; Nadam's momentum schedule, a short series), kept
 * for the last {@code t} so that they are computed once per step rather than once per call: a step calls
 * a transform once per piece of the parameters, which is once per row of a Tribuo matrix and once per
 * block of 512 values in the DL4J adapter (2 000 calls per step at a million parameters).
 *
 * <p>This is the only thing a transform keeps besides its hyperparameters, and it is derived from them
 * and {@code t}. The value is immutable and published through a volatile field with its {@code t}, so
 * concurrent calls (DL4J's parallel blocks, several layers sharing one optimiser) are safe: a call with
 * another {@code t} recomputes it, and two threads at worst both compute the same value.
 */
final class StepMemo<T> {
    private record Entry<T>(long t, T value) {
    }

    private final LongFunction<T> compute;
    private volatile Entry<T> last;

    /** @param compute the coefficients at step count {@code t} (1-based), a pure function of {@code t} */
    StepMemo(LongFunction<T> compute) {
        this.compute = compute;
    }

    /** The coefficients at step count {@code t}. */
    T at(long t) {
        Entry<T> e = last;
        if (e == null || e.t() != t) {
            e = new Entry<>(t, compute.apply(t));
            last = e;
        }
        return e.value();
    }
}
