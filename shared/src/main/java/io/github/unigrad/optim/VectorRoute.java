package io.github.unigrad.optim;

/**
 * Whether float optimiser steps over direct (off-heap) memory, such as ND4J's, may run in place with the Vector
 * API ({@link VectorKernels}) instead of copying each block to the heap and back. The route needs the JDK's
 * incubating Vector API module, which the JVM loads only when started with {@code --add-modules jdk.incubator.vector}
 * (it then prints {@code WARNING: Using incubator modules: jdk.incubator.vector}), and a way for it to reach direct
 * memory: {@code ByteBuffer}s on JDK 17 to 19, {@code MemorySegment}s on JDK 22 and later ({@link VectorMemory},
 * whose JDK 22 form the multi-release jar carries when it was built on JDK 22+); JDK 20 and 21 have neither in a
 * final form. This is the pattern Apache Lucene follows for its vectorised code. Without the route every step takes
 * the copy route, which gives the same bits. {@code -Dunigrad.vector=false} turns the route off (to compare the two).
 */
public final class VectorRoute {
    /** The system property that turns the route off when {@code false}. */
    public static final String PROPERTY = "unigrad.vector";
    /** The flag that makes the route available. */
    public static final String JVM_FLAG = "--add-modules jdk.incubator.vector";
    private static final boolean MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final boolean AVAILABLE = MODULE && VectorMemory.fitsThisJdk();

    private VectorRoute() {
    }

    /** Whether this JVM can run the route: started with {@link #JVM_FLAG}, on a JDK whose memory access Unigrad has. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Whether steps take the route: {@link #available()} and not turned off by {@link #PROPERTY}. */
    public static boolean enabled() {
        return AVAILABLE && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** Why the route is not taken, for a host's one log line; null when it is. */
    public static String whyNot() {
        String copying = "Unigrad: float optimiser steps over off-heap memory copy each block to the heap and back";
        if (enabled()) {
            return null;
        }
        if (AVAILABLE) {
            return copying + " (-D" + PROPERTY + "=false)";
        }
        if (!MODULE) {
            return copying + "; start the JVM with " + JVM_FLAG + " to step it in place, vectorised";
        }
        int feature = Runtime.version().feature();
        return copying + ": the in-place route reads memory through the Vector API's ByteBuffer methods on JDK 17-19"
                + " and its MemorySegment methods on JDK 22+ (in a unigrad-shared jar built on JDK 22+), and this is JDK "
                + feature + (feature >= 22 ? " with a build of unigrad-shared that has no JDK 22 classes" : "");
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
