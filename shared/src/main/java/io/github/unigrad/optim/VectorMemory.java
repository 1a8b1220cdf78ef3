package io.github.unigrad.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How {@link VectorKernels} reads and writes direct memory with the Vector API, the one part that depends on the JDK:
 * JDK 17–19 through {@code ByteBuffer}s (this class), JDK 22 and later through {@code MemorySegment}s (the class of
 * the same name under {@code META-INF/versions/22} of the multi-release jar, compiled when the build runs on JDK 22+).
 * JDK 20 replaced the first by the second, so each JDK finds the form it has.
 */
final class VectorMemory {
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorMemory() {
    }

    /** Whether this form runs on the JDK that loaded it: the {@code ByteBuffer} form, on JDK 17 to 19. */
    static boolean fitsThisJdk() {
        return Runtime.version().feature() <= 19;
    }

    /** The handle {@link #load} and {@link #store} take for {@code b}: here the buffer itself. */
    static Object of(ByteBuffer b) {
        return b;
    }

    static FloatVector load(VectorSpecies<Float> species, Object memory, int at) {
        return FloatVector.fromByteBuffer(species, (ByteBuffer) memory, at, NATIVE);
    }

    static void store(FloatVector v, Object memory, int at) {
        v.intoByteBuffer((ByteBuffer) memory, at, NATIVE);
    }
}
