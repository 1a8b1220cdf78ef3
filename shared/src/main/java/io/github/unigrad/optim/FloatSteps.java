package io.github.unigrad.optim;

/**
 * The one widening route from float arrays to a double step (through {@link Widening}), used by every step that has no float
 * kernel ({@link Transform}'s and {@link Optimiser}'s float defaults): the float arrays are widened
 * chunk by chunk into small double scratch arrays (which stay in cache), the double step runs on the
 * chunk, and the results are rounded back. Memory traffic is that of the float arrays, and the result
 * is the double step on the float values, rounded to float. A chunk is just a piece of the
 * parameters, which the step contract allows to be cut anywhere. C2 in JDK 17 does not vectorise
 * float/double conversion loops, so this route is compute-bound (about three times a double step);
 * the hot transforms override it with float kernels (see {@link Transform}).
 */
final class FloatSteps {
    /** Entries per chunk: a few slabs of it fit in the L1/L2 cache. */
    static final int CHUNK = 1024;

    private FloatSteps() {
    }

    /** A double step on one chunk: {@code u[0..len)}, {@code p[0..len)} (null unless read), slabs {@code state[k][0..len)}. */
    @FunctionalInterface
    interface DenseChunk {
        void step(double[] u, double[] p, double[][] state, int len);
    }

    /** Scratch arrays for one call: update, parameters (when read) and one per state slab. */
    private record Scratch(double[] u, double[] p, double[][] state) {
        static Scratch of(int slabs, int n, boolean parameters) {
            int len = Math.min(n, CHUNK);
            return new Scratch(new double[len], parameters ? new double[len] : null, new double[slabs][len]);
        }
    }

    /**
     * Widens {@code u[o..o+n)}, {@code p[o..o+n)} (when {@code parameters}) and the slabs
     * {@code state[slab + k][o..o+n)}, k < slabs, chunk by chunk, runs {@code step} on each
     * chunk and rounds the update and the slabs back.
     */
    static void dense(int slabs, boolean parameters, float[] u, float[] p, int o, float[][] state, int slab, int n,
                      DenseChunk step) {
        Scratch s = Scratch.of(slabs, n, parameters);
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            Widening.widen(u, o + start, s.u(), 0, len);
            if (parameters) {
                Widening.widen(p, o + start, s.p(), 0, len);
            }
            for (int k = 0; k < slabs; k++) {
                Widening.widen(state[slab + k], o + start, s.state()[k], 0, len);
            }
            step.step(s.u(), s.p(), s.state(), len);
            Widening.narrow(s.u(), 0, u, o + start, len);
            for (int k = 0; k < slabs; k++) {
                Widening.narrow(s.state()[k], 0, state[slab + k], o + start, len);
            }
        }
    }
}
