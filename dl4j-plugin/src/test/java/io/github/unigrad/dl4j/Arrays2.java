package io.github.unigrad.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Test data and comparisons shared by the DL4J tests. */
final class Arrays2 {
    private Arrays2() {
    }

    /** Switches ND4J to double by default (gradient checks, parity to 1e-10). */
    static void useDoubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** The largest entry-wise difference divided by the largest magnitude in {@code expected}. */
    static double relativeError(INDArray expected, INDArray actual) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double scale = expected.castTo(DataType.DOUBLE).amaxNumber().doubleValue();
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        return scale == 0 ? diff : diff / scale;
    }

    static double relativeError(double expected, double actual) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        return scale == 0 ? 0 : Math.abs(expected - actual) / scale;
    }

    static INDArray gaussian(Random r, int rows, int cols, DataType type) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Nd4j.create(a).castTo(type);
    }

    /** Gaussian entries in an array of any shape, filled in row-major order. */
    static INDArray gaussian(Random r, DataType type, long... shape) {
        long rest = 1;
        for (int d = 1; d < shape.length; d++) {
            rest *= shape[d];
        }
        return gaussian(r, (int) shape[0], Math.toIntExact(rest), type).reshape('c', shape);
    }

    /**
     * One-hot along dimension 1 (the channels of a time series, image or volume {@code [n, c, ...]}):
     * at every example and position, one channel drawn at random is 1.
     */
    static INDArray oneHot(Random r, DataType type, long... shape) {
        long positions = 1;
        for (int d = 2; d < shape.length; d++) {
            positions *= shape[d];
        }
        INDArray a = Nd4j.zeros(type, shape[0], shape[1], positions);
        for (long i = 0; i < shape[0]; i++) {
            for (long p = 0; p < positions; p++) {
                a.putScalar(new long[]{i, r.nextInt((int) shape[1]), p}, 1);
            }
        }
        return a.reshape('c', shape);
    }

    /** Kinds of labels, each in the domain its losses need. */
    enum Labels {
        ONE_HOT, PROBABILITIES, BINARY, PLUS_MINUS, REAL, POSITIVE, CLASS_INDEX;

        INDArray make(Random r, int rows, int cols) {
            double[][] a = new double[rows][this == CLASS_INDEX ? 1 : cols];
            for (int i = 0; i < rows; i++) {
                switch (this) {
                    case ONE_HOT -> a[i][r.nextInt(cols)] = 1;
                    case CLASS_INDEX -> a[i][0] = r.nextInt(cols);
                    case PROBABILITIES -> {
                        double s = 0;
                        for (int j = 0; j < cols; j++) {
                            a[i][j] = 0.05 + r.nextDouble();
                            s += a[i][j];
                        }
                        for (int j = 0; j < cols; j++) {
                            a[i][j] /= s;
                        }
                    }
                    default -> {
                        for (int j = 0; j < cols; j++) {
                            a[i][j] = switch (this) {
                                case BINARY -> r.nextBoolean() ? 1 : 0;
                                case PLUS_MINUS -> r.nextBoolean() ? 1 : -1;
                                case POSITIVE -> 0.2 + 2 * r.nextDouble();
                                default -> r.nextGaussian();
                            };
                        }
                    }
                }
            }
            return Nd4j.create(a);
        }
    }

    /** A 0/1 mask of the given shape with at least one 1 per row. */
    static INDArray mask(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = r.nextDouble() < 0.3 ? 0 : 1;
            }
            m[i][r.nextInt(cols)] = 1;
        }
        return Nd4j.create(m);
    }
}
