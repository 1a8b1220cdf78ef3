package io.github.unigrad.optim;

/**
 * The code base's one pair of float/double conversion loops: widening floats to doubles (exact) and
 * rounding doubles to floats (to nearest). Used where float data meets a double computation: the
 * optimisers' float route for transforms without a float kernel, and {@code NumberBuffer.Floats}'
 * double transfers (a loss, which computes in double, on a float network). C2 in JDK 17 does not
 * vectorise these loops, so the hot optimiser paths avoid them (see {@link Transform}).
 */
public final class Widening {
    private Widening() {
    }

    /** {@code to[off + j] = from[at + j]} for {@code j < len}. */
    public static void widen(float[] from, int at, double[] to, int off, int len) {
        for (int j = 0; j < len; j++) {
            to[off + j] = from[at + j];
        }
    }

    /** {@code to[at + j] = (float) from[off + j]} for {@code j < len}. */
    public static void narrow(double[] from, int off, float[] to, int at, int len) {
        for (int j = 0; j < len; j++) {
            to[at + j] = (float) from[off + j];
        }
    }
}
