/**
 * Trains built-in and Unigrad losses and optimisers side by side and reports what differs: the results
 * ({@link io.github.unigrad.compare.Results}, {@link io.github.unigrad.compare.ComparisonResult},
 * {@link io.github.unigrad.compare.RunResult}, {@link io.github.unigrad.compare.EpochTimes}), the runner
 * ({@link io.github.unigrad.compare.ComparisonRunner}) and its command line
 * ({@link io.github.unigrad.compare.CompareCommand}, which {@code ./compare} starts).
 * Published in {@code unigrad-compare}, above the adapters: depends on both plugins (and through them on the
 * catalogue) and on its sub-packages, which share its vocabulary; nothing in the library depends on it.
 */
package io.github.unigrad.compare;
