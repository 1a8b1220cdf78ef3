package io.github.unigrad.optim;

/**
 * Whether float optimiser steps over direct (off-heap) memory, such as ND4J's, may run in place with the Vector
 * API ({@link VectorKernels}) instead of copying each block to the heap and back. The route needs JDK 17's
 * incubator module, which the JVM loads only when started with {@code --add-modules jdk.incubator.vector}
 * (it then prints {@code WARNING: Using incubator modules: jdk.incubator.vector}), and its {@code ByteBuffer}
 * methods, which JDK 20 replaced by {@code MemorySegment} ones: so it is available on JDK 17 to 19 with the flag,
 * the pattern Apache Lucene follows for its vectorised code. Without it every step takes the copy route, which
 * gives the same bits. {@code -Dunigrad.vector=false} turns the route off (to compare the two).
 */
public final class VectorRoute {
    /** The system property that turns the route off when {@code false}. */
    public static final String PROPERTY = "unigrad.vector";
    /** The flag that makes the route available on JDK 17 to 19. */
    public static final String JVM_FLAG = "--add-modules jdk.incubator.vector";
    private static final int LAST_FEATURE = 19;
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && Runtime.version().feature() <= LAST_FEATURE;

    private VectorRoute() {
    }

    /** Whether this JVM can run the route: JDK 17 to 19, started with {@link #JVM_FLAG}. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Whether steps take the route: {@link #available()} and not turned off by {@link #PROPERTY}. */
    public static boolean enabled() {
        return AVAILABLE && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** Why the route is not taken, for a host's one log line; null when it is. */
    public static String whyNot() {
        if (enabled()) {
            return null;
        }
        int feature = Runtime.version().feature();
        if (AVAILABLE) {
            return "Unigrad: -D" + PROPERTY + "=false: float optimiser steps over off-heap memory copy each block to the"
                    + " heap and back";
        }
        if (feature > LAST_FEATURE) {
            return "Unigrad: float optimiser steps over off-heap memory copy each block to the heap and back: the"
                    + " in-place vectorised route uses the Vector API's ByteBuffer methods of JDK 17-19, and this is JDK "
                    + feature;
        }
        return "Unigrad: float optimiser steps over off-heap memory copy each block to the heap and back; start the JVM"
                + " with " + JVM_FLAG + " to step it in place, vectorised";
    }

    /** Each pass's in-place kernel, or null when the route is not available or a pass has none. */
    static DirectPass[] passes(Transform[] transforms, int[] passes) {
        if (!AVAILABLE) {
            return null;
        }
        DirectPass[] kernels = new DirectPass[passes.length];
        for (int l = 0; l < passes.length; l++) {
            kernels[l] = VectorKernels.of(transforms[passes[l]]);
            if (kernels[l] == null) {
                return null;
            }
        }
        return kernels;
    }

    /** The number of floats the route steps of {@code n}: the largest multiple of the vector length. */
    static int whole(int n) {
        return n - n % VectorKernels.LANES;
    }
}
