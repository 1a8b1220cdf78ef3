/**
 * Comparisons in Tribuo: the twin of every built-in objective and optimiser
 * ({@link io.github.unigrad.compare.tribuo.TribuoTwins}), a user's SGD trainer against its twins and named specs
 * ({@link io.github.unigrad.compare.tribuo.TribuoCompare}), and the runner's own linear and FM comparisons.
 * Depends on {@code io.github.unigrad.compare}, {@code .data} and {@code .report}, and on {@code unigrad-tribuo}.
 */
package io.github.unigrad.compare.tribuo;
