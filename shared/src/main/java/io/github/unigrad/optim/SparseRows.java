package io.github.unigrad.optim;

/**
 * The rows of a sparse matrix, read where they live (Tribuo's {@code DenseSparseMatrix}, one sparse
 * vector per row): row {@code r}'s active entries are {@code values(r)[0..count(r))}, at the column indices
 * {@code indices(r)[0..count(r))}, strictly increasing (sorted, no duplicates: what Tribuo's {@code SparseVector}
 * guarantees). The arrays are live: a step writes its update into {@code values(r)}.
 *
 * <p><b>Order.</b> A {@code SparseRows} guarantees that each row's indices strictly increase, the invariant of the
 * structure it views: {@link #of} checks it once, when the rows are built, and throws an
 * {@link IllegalArgumentException} naming the row, the index and its position otherwise (duplicates are refused,
 * not coalesced: sum them first); Tribuo's {@code SparseVector}s keep it (built from an example, their indices are
 * sorted and colliding features merged). The optimisers' row-wise step then checks, at every call, only what costs
 * the same whatever a row's length: the counts and array lengths, and that the first index is {@code ≥ 0} and the
 * last within the state, so it makes no pass over the indices that the step itself does not make (on a 10-row
 * gradient with 21 entries a row, that pass cost as much as a whole SGD step). An implementation of its own must
 * keep the order: a row out of order is stepped wrongly or fails inside the step.
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
     * @throws IllegalArgumentException if the three arrays do not have one entry per row, a count is negative or
     *                                  longer than its row's values or indices, or a row's indices do not strictly increase
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
                int at = StepArguments.firstNotIncreasing(indices[r], 0, counts[r]);
                if (at >= 0) {
                    throw new IllegalArgumentException("sparse rows: row " + r + ": "
                            + StepArguments.notIncreasing(indices[r], at));
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
