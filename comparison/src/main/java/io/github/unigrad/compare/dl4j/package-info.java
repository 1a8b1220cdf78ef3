/**
 * Comparisons in DeepLearning4J: the twin of every built-in loss and updater
 * ({@link io.github.unigrad.compare.dl4j.Dl4jTwins}), a user's network against its twins and named specs
 * ({@link io.github.unigrad.compare.dl4j.Dl4jCompare}), and the runner's own small MLP comparisons.
 * Depends on {@code io.github.unigrad.compare}, {@code .data} and {@code .report}, and on {@code unigrad-dl4j}.
 */
package io.github.unigrad.compare.dl4j;
