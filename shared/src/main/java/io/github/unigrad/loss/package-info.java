/**
 * Layer 3 (beside {@code optim}): the loss catalogue, each loss one small class with its formula and
 * source, computing per-example values and gradients with respect to the pre-activation output over a
 * {@link io.github.unigrad.loss.LossBatch}, built from specs by {@link io.github.unigrad.loss.Losses}.
 * Depends on {@code spec} only, never on {@code optim}, {@code host} or a framework.
 */
package io.github.unigrad.loss;
