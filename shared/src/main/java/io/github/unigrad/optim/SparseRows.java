package io.github.unigrad.optim;

/**
 * The rows of a sparse matrix, read where they live (Tribuo's {@code DenseSparseMatrix}, one sparse
 * vector per row): row {@code r}'s active entries are {@code values(r)[0..count(r))}, at the column indices
 * {@code indices(r)[0..count(r))}, strictly increasing (sorted, no duplicates: what Tribuo's {@code SparseVector}
 * guarantees). The arrays are live: a step writes its update into {@code values(r)}.
 *
 * <p>Duplicate indices are refused, not coalesced: the optimisers' entry points check, once per row and call,
 * that the indices increase (one branch-free pass) and that the first and last are in range, and throw an
 * {@link IllegalArgumentException} naming the index and its position otherwise. Sum duplicate entries first.
 *
 * <p>Why a view rather than arrays of rows: an adapter would otherwise copy each row's array references
 * into arrays of its own at every step, which {@code TribuoOptimiserStepBenchmark} measured at a third of
 * the cost of a plain SGD step on a 10-row sparse gradient; through the view a step reads each row's
 * arrays once, as the framework's own loops do.
 */
public interface SparseRows {

    /** The number of rows. */
    int rows();

    /** Row {@code r}'s active values, live. */
    double[] values(int r);

    /** Row {@code r}'s active column indices. */
    int[] indices(int r);

    /** The number of active entries of row {@code r}. */
    int count(int r);

    /**
     * Rows held in arrays: row {@code r} is {@code values[r][0..counts[r])} at {@code indices[r]}.
     *
     * @throws IllegalArgumentException if the three arrays do not have one entry per row, or a count is negative or
     *                                  longer than its row's values or indices
     */
    static SparseRows of(double[][] values, int[][] indices, int[] counts) {
        return new OfArrays(values, indices, counts);
    }

    /** {@link SparseRows} held in arrays; see {@link #of}. */
    record OfArrays(double[][] values, int[][] indices, int[] counts) implements SparseRows {
        public OfArrays {
            if (indices.length != values.length || counts.length != values.length) {
                throw new IllegalArgumentException("sparse rows: " + values.length + " value rows, " + indices.length
                        + " index rows and " + counts.length + " counts; expected one of each per row");
            }
            for (int r = 0; r < counts.length; r++) {
                if (values[r] == null || indices[r] == null || counts[r] < 0 || counts[r] > values[r].length
                        || counts[r] > indices[r].length) {
                    throw new IllegalArgumentException("sparse rows: row " + r + " has count " + counts[r] + ", "
                            + (values[r] == null ? "no values" : values[r].length + " values") + " and "
                            + (indices[r] == null ? "no indices" : indices[r].length + " indices"));
                }
            }
        }

        @Override
        public int rows() {
            return values.length;
        }

        @Override
        public double[] values(int r) {
            return values[r];
        }

        @Override
        public int[] indices(int r) {
            return indices[r];
        }

        @Override
        public int count(int r) {
            return counts[r];
        }
    }
}
