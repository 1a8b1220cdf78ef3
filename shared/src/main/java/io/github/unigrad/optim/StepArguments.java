package io.github.unigrad.optim;

import io.github.unigrad.spec.SpecDescribed;

import java.lang.reflect.Array;

/**
 * The argument checks of the public step methods ({@link Optimiser} and its implementations, {@link SparseRows#of}),
 * made once per call before any loop (the {@link Transform} kernels they run trust them), so that misuse
 * gives an {@link IllegalArgumentException} naming the lengths or the index instead of an
 * {@code ArrayIndexOutOfBoundsException} or {@code NullPointerException} from inside a kernel:
 * <ul>
 *   <li>offsets and counts {@code ≥ 0}, the update long enough for them;</li>
 *   <li>the state: at least the rule's number of slabs, none missing, each long enough for the offset and count
 *       (the longest index, for a sparse step);</li>
 *   <li>the parameters, when the rule reads them (decoupled weight decay, Schedule-Free's decay): present and
 *       long enough;</li>
 *   <li>sparse indices strictly increasing (sorted and distinct, as Tribuo's {@code SparseVector} and every
 *       compressed sparse format keep them) and in range. Duplicates are refused, not coalesced: a step per
 *       entry with the same state would differ from the step on the summed gradient, and summing them would
 *       need scratch space per call. Sortedness is one branch-free pass over the indices, made on every sparse
 *       step on arrays and once when {@link SparseRows#of} builds rows (a {@link SparseRows} guarantees it, so the
 *       row-wise step does not pay for it again at every step); the range is then the first and last index.</li>
 * </ul>
 * Double and float arrays are read through {@link Array#getLength}, once per array per call.
 */
final class StepArguments {
    private static final String PARAMETERS = "parameters (it reads them, e.g. for decoupled weight decay)";
    private static final String OFFSET_COUNT = "offset %d + count %d";
    private static final String OFFSET_INDEX = "offset %d + largest index %d + 1";
    private static final String TO = "to = %d";
    private static final String COUNT = "count %d";
    
    private StepArguments() {
    }

    /** Checks a dense step's arrays: {@code u[o..o+n)}, {@code p[o..o+n)} when read, {@code state[slab+k][o..o+n)}. */
    static void dense(SpecDescribed who, int slabs, boolean needsParameters, Object u, Object p, int o, Object[] state,
                      int slab, int n) {
        if (o < 0 || n < 0) {
            throw error(who, "offset and count must be >= 0; got offset " + o + ", count " + n);
        }
        requireArray(who, "update", u, (long) o + n, OFFSET_COUNT, o, n);
        if (needsParameters) {
            requireArray(who, PARAMETERS, p, (long) o + n, OFFSET_COUNT, o, n);
        }
        requireSlabs(who, state, slab, slabs, (long) o + n, OFFSET_COUNT, o, n);
    }

    /**
     * Checks a sparse step's arrays: {@code u[from..to)} and {@code idx[from..to)}, the indices strictly increasing and
     * {@code ≥ 0}, {@code p[o + idx]} when read and {@code state[slab+k][o + idx]} within their arrays.
     */
    static void sparse(SpecDescribed who, int slabs, boolean needsParameters, Object u, int from, int to, int[] idx,
                       Object p, int o, Object[] state, int slab) {
        if (from < 0 || to < from || o < 0) {
            throw error(who, "a sparse step needs 0 <= from <= to and an offset >= 0; got from " + from + ", to " + to
                    + ", offset " + o);
        }
        requireArray(who, "update", u, to, TO, to, 0);
        requireArray(who, "indices", idx, to, TO, to, 0);
        int at = firstNotIncreasing(idx, from, to);
        if (at >= 0) {
            throw error(who, notIncreasing(idx, at));
        }
        requireRange(who, slabs, needsParameters, from, to, idx, p, o, state, slab);
    }

    /**
     * Checks a row-wise dense step: one update, parameter (when read) and state row per row, each as {@link #dense}
     * checks a piece. The passing path reads only the lengths; the message comes from {@link #dense} on failure.
     */
    static void denseRows(SpecDescribed who, int slabs, boolean needsParameters, double[][] u, double[][] p,
                          double[][][] state, int n) {
        rows(who, u.length, needsParameters, p, state);
        for (int r = 0; r < u.length; r++) {
            double[] pr = p == null ? null : p[r];
            if (n < 0 || u[r] == null || u[r].length < n || needsParameters && (pr == null || pr.length < n)
                    || !slabsHold(state[r], slabs, n)) {
                dense(who, slabs, needsParameters, u[r], pr, 0, state[r], 0, n);
            }
        }
    }

    /**
     * Checks a row-wise sparse step as {@link #sparse} checks a sparse step, but for the order of each row's indices,
     * which a {@link SparseRows} guarantees (see there): the range is read from a row's first and last index, so the
     * check costs the same whatever the rows' lengths. The message comes from {@link #sparseRow} on failure.
     */
    static void sparseRows(SpecDescribed who, int slabs, boolean needsParameters, SparseRows u, double[][] p,
                           double[][][] state) {
        int rows = u.rows();
        rows(who, rows, needsParameters, p, state);
        for (int r = 0; r < rows; r++) {
            int count = u.count(r);
            double[] values = u.values(r);
            int[] idx = u.indices(r);
            double[] pr = p == null ? null : p[r];
            int end = count <= 0 || idx == null || idx.length < count ? 0 : idx[count - 1] + 1;
            if (count < 0 || values == null || values.length < count || idx == null || idx.length < count
                    || count > 0 && (idx[0] < 0 || end <= 0) || needsParameters && (pr == null || pr.length < end)
                    || !slabsHold(state[r], slabs, end)) {
                sparseRow(who, slabs, needsParameters, u, r, pr, state[r]);
            }
        }
    }

    /** Whether {@code state} has {@code slabs} slabs of at least {@code length} values. */
    private static boolean slabsHold(double[][] state, int slabs, int length) {
        if (slabs == 0) {
            return true;
        }
        if (state == null || state.length < slabs) {
            return false;
        }
        for (int k = 0; k < slabs; k++) {
            if (state[k] == null || state[k].length < length) {
                return false;
            }
        }
        return true;
    }

    /** The detailed check of row {@code r} of {@link #sparseRows}, which throws the message. */
    private static void sparseRow(SpecDescribed who, int slabs, boolean needsParameters, SparseRows u, int r, Object p,
                                  Object[] state) {
        int count = u.count(r);
        int[] idx = u.indices(r);
        if (count < 0) {
            throw error(who, "sparse row " + r + " has a negative count, " + count);
        }
        requireArray(who, "update", u.values(r), count, COUNT, count, 0);
        requireArray(who, "indices", idx, count, COUNT, count, 0);
        requireRange(who, slabs, needsParameters, 0, count, idx, p, 0, state, 0);
    }

    /** The first index {@code ≥ 0}; {@code p[o + last]} when read and {@code state[slab+k][o + last]} within their arrays. */
    private static void requireRange(SpecDescribed who, int slabs, boolean needsParameters, int from, int to, int[] idx,
                                     Object p, int o, Object[] state, int slab) {
        if (to > from && idx[from] < 0) {
            throw error(who, "sparse index " + idx[from] + " at position " + from + " is negative");
        }
        long end = to == from ? 0 : (long) idx[to - 1] + 1;
        if (needsParameters) {
            requireArray(who, PARAMETERS, p, o + end, OFFSET_INDEX, o, end - 1);
        }
        requireSlabs(who, state, slab, slabs, o + end, OFFSET_INDEX, o, end - 1);
    }

    /** Checks that a row-wise step has one update, parameter (when read) and state row per row. */
    static void rows(SpecDescribed who, int rows, boolean needsParameters, Object[] p, Object[] state) {
        if (needsParameters && (p == null || p.length != rows)) {
            throw error(who, "it reads the parameters: needs " + rows + " parameter rows, got "
                    + (p == null ? "null" : p.length));
        }
        if (state == null || state.length != rows) {
            throw error(who, "needs " + rows + " state rows (one per row of the update), got "
                    + (state == null ? "null" : state.length));
        }
    }

    /** The first position {@code j} in {@code (from, to)} whose index does not exceed the one before, or -1: one branch-free pass. */
    static int firstNotIncreasing(int[] idx, int from, int to) {
        boolean increasing = true;
        for (int j = from + 1; j < to; j++) {
            increasing &= idx[j] > idx[j - 1];
        }
        if (!increasing) {
            for (int j = from + 1; j < to; j++) {
                if (idx[j] <= idx[j - 1]) {
                    return j;
                }
            }
        }
        return -1;
    }

    /** Says that index {@code at} does not exceed the one before it. */
    static String notIncreasing(int[] idx, int at) {
        return "sparse indices must be strictly increasing (sorted, no duplicates: coalesce duplicate entries by"
                + " summing them first); index " + idx[at] + " at position " + at + " follows " + idx[at - 1];
    }

    /**
     * @param why a {@link String#format} pattern saying where {@code needed} comes from, with {@code x} and
     *            {@code y} as its arguments: formatted only when the check fails, so a passing check builds no string
     */
    private static void requireArray(SpecDescribed who, String what, Object a, long needed, String why, long x, long y) {
        if (a == null) {
            throw error(who, "the " + what + " array is null");
        }
        int length = Array.getLength(a);
        if (length < needed) {
            throw error(who, "the " + what + " array has length " + length + ", needs at least " + needed + " ("
                    + String.format(why, x, y) + ")");
        }
    }

    private static void requireSlabs(SpecDescribed who, Object[] state, int slab, int slabs, long needed, String why,
                                     long x, long y) {
        if (slabs == 0) {
            return;
        }
        if (state == null || state.length < slab + slabs) {
            throw error(who, "needs " + slabs + " state slab" + (slabs == 1 ? "" : "s") + " from slab " + slab
                    + ", got " + (state == null ? "no state (null)" : state.length + " slabs"));
        }
        for (int k = slab; k < slab + slabs; k++) {
            if (state[k] == null || Array.getLength(state[k]) < needed) {
                requireArray(who, "state slab " + k, state[k], needed, why, x, y);
            }
        }
    }

    private static IllegalArgumentException error(SpecDescribed who, String message) {
        return new IllegalArgumentException(who.spec() + ": " + message);
    }
}
