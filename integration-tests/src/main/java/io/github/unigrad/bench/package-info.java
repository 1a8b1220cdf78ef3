/**
 * JMH benchmarks of the hot paths against the frameworks' own implementations: the optimiser step in
 * double and float ({@link io.github.unigrad.bench.OptimiserStepBenchmark},
 * {@link io.github.unigrad.bench.FloatStepBenchmark}), DL4J's updater, loss and epoch, and Tribuo's
 * optimiser step and linear SGD training. Run only on a quiet machine (see the README's Speed section).
 * {@link io.github.unigrad.bench.SparseModels} is not a JMH benchmark: one run measuring the sparse
 * models FTRL and {@code prox_l1} give Tribuo users (accuracy, exact zeros, size, time).
 * Depends on the adapters and the optimiser catalogue.
 */
package io.github.unigrad.bench;
