package io.github.unigrad.compare.data;

/** Per-column mean and standard deviation, fitted on training data and applied in place. */
final class Standardiser {
    private final double[] mean;
    private final double[] scale;

    private Standardiser(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Fits every column of {@code x}; a constant column keeps scale 1. */
    static Standardiser fit(double[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                sq[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(sq[j] / x.length);
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }
        return new Standardiser(mean, scale);
    }

    static Standardiser fitColumn(double[] y) {
        double[][] col = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            col[i] = new double[] {y[i]};
        }
        return fit(col);
    }

    void apply(double[][]... sets) {
        for (double[][] x : sets) {
            for (double[] row : x) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (row[j] - mean[j]) / scale[j];
                }
            }
        }
    }

    void applyColumn(double[]... sets) {
        for (double[] y : sets) {
            for (int i = 0; i < y.length; i++) {
                y[i] = (y[i] - mean[0]) / scale[0];
            }
        }
    }
}
