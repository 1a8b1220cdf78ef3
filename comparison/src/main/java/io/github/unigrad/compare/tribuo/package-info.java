/**
 * Comparisons in Tribuo: the twin of every built-in objective and optimiser
 * ({@link io.github.unigrad.compare.tribuo.TribuoTwins}), a user's SGD trainer against its twins and named specs
 * ({@link io.github.unigrad.compare.tribuo.TribuoCompare}), and the runner's own linear and FM comparisons.
 */
package io.github.unigrad.compare.tribuo;
