/**
 * Layer 3 (beside {@code loss}): the optimiser catalogue after Optax. A
 * {@link io.github.unigrad.optim.Transform} is one immutable link (its hyperparameters, its per-step
 * coefficients as a function of the step, and a dense, float and sparse kernel over flat primitive
 * arrays whose state is indexed like the update); a {@link io.github.unigrad.optim.Chain} is a schedule
 * and a list of transforms, whose {@code begin} computes every per-step value once; wrappers
 * (accumulate, lookahead, averaging, skip_nonfinite) and Schedule-Free change the step itself. The
 * presets ({@link io.github.unigrad.optim.Optimisers}) and transforms
 * ({@link io.github.unigrad.optim.Transforms}) are built from specs. Depends on {@code spec} and
 * {@code schedule} only, never on {@code loss}, {@code host} or a framework.
 */
package io.github.unigrad.optim;
