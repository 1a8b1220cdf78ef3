/**
 * Layer 2: learning-rate schedules, each a pure function of the 0-based step index (Optax's
 * {@code schedules}), built from specs by {@link io.github.unigrad.schedule.Schedules}. Depends on
 * {@code spec} only; used by {@code optim} and the adapters.
 */
package io.github.unigrad.schedule;
