package io.github.unigrad.schedule;

import io.github.unigrad.spec.SpecDescribed;

/**
 * A value (usually the learning rate) as a function of the 0-based step index. Pure: the same step
 * always gives the same value, so nothing about a schedule needs saving with optimiser state.
 */
public interface Schedule extends SpecDescribed {
    /** The value at 0-based step {@code step}. */
    double at(long step);
}
