package io.github.unigrad.optim;

/**
 * The rows of a sparse matrix, read where they live (Tribuo's {@code DenseSparseMatrix}, one sparse
 * vector per row): row {@code r}'s active entries are {@code values(r)[0..count(r))}, at the distinct
 * column indices {@code indices(r)[0..count(r))}. The arrays are live: a step writes its update into
 * {@code values(r)}.
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
}
