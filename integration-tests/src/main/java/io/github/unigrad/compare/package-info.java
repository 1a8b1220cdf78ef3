/**
 * The comparison runner (a test harness, not part of the library): trains the same model with a
 * catalogue loss or optimiser and with its framework twin (DL4J, Tribuo) on the shipped data sets and
 * reports where they diverge ({@link io.github.unigrad.compare.CompareCommand}, a picocli command).
 * Depends on the whole library (through the adapters) and on its sub-packages {@code data},
 * {@code dl4j}, {@code tribuo} and {@code report}, which share its vocabulary
 * ({@link io.github.unigrad.compare.Trial}, {@link io.github.unigrad.compare.RunResult}).
 */
package io.github.unigrad.compare;
