package io.github.unigrad.optim;

/**
 * The float path of every optimiser, written once: the float arrays are widened chunk by chunk
 * into small double scratch arrays (which stay in cache), the optimiser's double step runs on the
 * chunk, and the results are rounded back. Memory traffic is that of the float arrays; each
 * formula exists once, in double. A chunk is just a piece of the parameters, which the step
 * contract allows to be cut anywhere. (C2 in JDK 17 does not vectorise float/double conversion
 * loops, which makes this path compute-bound; float kernels per rule would be the fast way.)
 */
final class FloatSteps {
    /** Entries per chunk: a few slabs of it fit in the L1/L2 cache. */
    static final int CHUNK = 1024;

    private FloatSteps() {
    }

    /** Scratch arrays for one call: update, parameters (when read) and one per state slab. */
    private record Scratch(double[] u, double[] p, double[][] state) {
        static Scratch of(Optimiser opt, int n, boolean parameters) {
            int len = Math.min(n, CHUNK);
            return new Scratch(new double[len], parameters ? new double[len] : null, new double[opt.slabs()][len]);
        }
    }

    static void dense(Optimiser opt, Step step, float[] u, float[] p, int o, float[][] state, int so, int n) {
        Scratch s = Scratch.of(opt, n, opt.needsParameters());
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            widen(u, o + start, s.u(), len);
            if (s.p() != null) {
                widen(p, o + start, s.p(), len);
            }
            for (int k = 0; k < s.state().length; k++) {
                widen(state[k], so + start, s.state()[k], len);
            }
            opt.dense(step, s.u(), s.p(), 0, s.state(), 0, len);
            narrow(s.u(), u, o + start, len);
            for (int k = 0; k < s.state().length; k++) {
                narrow(s.state()[k], state[k], so + start, len);
            }
        }
    }

    static void sparse(Optimiser opt, Step step, float[] u, int from, int to, int[] idx, float[] p, int po, float[][] state, int so) {
        int n = to - from;
        Scratch s = Scratch.of(opt, n, opt.needsParameters());
        int[] local = new int[s.u().length];
        for (int i = 0; i < local.length; i++) {
            local[i] = i;
        }
        for (int start = from; start < to; start += CHUNK) {
            int len = Math.min(CHUNK, to - start);
            for (int i = 0; i < len; i++) {
                int at = idx[start + i];
                s.u()[i] = u[start + i];
                if (s.p() != null) {
                    s.p()[i] = p[po + at];
                }
                for (int k = 0; k < s.state().length; k++) {
                    s.state()[k][i] = state[k][so + at];
                }
            }
            opt.sparse(step, s.u(), 0, len, local, s.p(), 0, s.state(), 0);
            for (int i = 0; i < len; i++) {
                int at = idx[start + i];
                u[start + i] = (float) s.u()[i];
                for (int k = 0; k < s.state().length; k++) {
                    state[k][so + at] = (float) s.state()[k][i];
                }
            }
        }
    }

    static void finalAdjustment(Optimiser opt, long steps, float[] u, int o, float[][] state, int so, int n) {
        Scratch s = Scratch.of(opt, n, false);
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            for (int k = 0; k < s.state().length; k++) {
                widen(state[k], so + start, s.state()[k], len);
            }
            opt.finalAdjustment(steps, s.u(), 0, s.state(), 0, len);
            narrow(s.u(), u, o + start, len);
        }
    }

    private static void widen(float[] from, int at, double[] to, int len) {
        for (int i = 0; i < len; i++) {
            to[i] = from[at + i];
        }
    }

    private static void narrow(double[] from, float[] to, int at, int len) {
        for (int i = 0; i < len; i++) {
            to[at + i] = (float) from[i];
        }
    }
}
