package io.github.unigrad.optim;

import java.nio.ByteBuffer;

/**
 * One transform's float pass in place over direct (off-heap) memory: the update is {@code n} floats from float
 * index {@code uo} of {@code u}, state slab {@code k} is {@code n} floats from float index {@code so[slab + k]} of
 * {@code state[slab + k]}; {@code n} is a multiple of {@link VectorKernels#LANES}. Its arguments as those of the
 * transform's {@code dense(Object, double, float[], ...)}.
 */
@FunctionalInterface
interface DirectPass {
    void run(Object coefficients, double scale, ByteBuffer u, int uo, ByteBuffer[] state, int[] so, int slab, int n);
}
