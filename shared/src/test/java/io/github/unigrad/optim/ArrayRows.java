package io.github.unigrad.optim;

/** {@link SparseRows} held in arrays, for tests: row {@code r} is {@code values[r][0..counts[r])} at {@code indices[r]}. */
record ArrayRows(double[][] values, int[][] indices, int[] counts) implements SparseRows {

    /** @throws IllegalArgumentException if the three arrays do not have one entry per row */
    ArrayRows {
        if (indices.length != values.length || counts.length != values.length) {
            throw new IllegalArgumentException("sparse rows: " + values.length + " value rows, " + indices.length
                    + " index rows and " + counts.length + " counts; expected one of each per row");
        }
    }

    static SparseRows of(double[][] values, int[][] indices, int[] counts) {
        return new ArrayRows(values, indices, counts);
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
