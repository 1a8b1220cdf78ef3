package io.github.unigrad.optim;

/**
 * The one loop several transforms share: {@code u[from..to) *= factor}, for double and (with the
 * factor rounded to float) float arrays, and over the rows of a matrix stored as one array per row.
 */
final class Scale {
    private Scale() {
    }

    static void by(double[] u, int from, int to, double factor) {
        if (factor == 1.0) {
            return;
        }
        for (int j = from; j < to; j++) {
            u[j] *= factor;
        }
    }

    /** {@code u[r][0..n) *= factor} for every row r. */
    static void rows(double[][] u, int n, double factor) {
        if (factor == 1.0) {
            return;
        }
        for (double[] row : u) {
            for (int j = 0; j < n; j++) {
                row[j] *= factor;
            }
        }
    }

    /** The active values of every row r of {@code u} times {@code factor}. */
    static void rows(SparseRows u, double factor) {
        if (factor == 1.0) {
            return;
        }
        for (int r = 0, rows = u.rows(); r < rows; r++) {
            double[] row = u.values(r);
            for (int j = 0, n = u.count(r); j < n; j++) {
                row[j] *= factor;
            }
        }
    }

    static void by(float[] u, int from, int to, double factor) {
        if (factor == 1.0) {
            return;
        }
        float f = (float) factor;
        for (int j = from; j < to; j++) {
            u[j] *= f;
        }
    }
}
