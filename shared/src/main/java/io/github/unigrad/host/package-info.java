/**
 * Layer 4: the host layer, which streams a framework's memory (heap arrays or off-heap NIO buffers,
 * float or double, at any offset) through the catalogue's kernels in cache-sized blocks, on one thread
 * or a fork-join pool: {@link io.github.unigrad.host.BlockStepper} for optimiser steps,
 * {@link io.github.unigrad.host.BlockEvaluator} for losses, over
 * {@link io.github.unigrad.host.NumberBuffer}s. It holds no formula and knows no framework. Depends on
 * {@code loss} and {@code optim} (and {@code spec}); used by the adapters only.
 */
package io.github.unigrad.host;
