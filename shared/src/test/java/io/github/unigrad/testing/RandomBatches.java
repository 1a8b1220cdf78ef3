package io.github.unigrad.testing;

import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;

import java.util.Random;

/**
 * Random batches inside a loss's domain, for gradient checks and cross-framework parity tests: targets of
 * the kind the loss takes (reals, probabilities, one-hot rows, class indices, ±1, 0/1, counts, non-zero or
 * positive values) and predictions of its input form, kept away from the clipping guards and from
 * {@code 0} for positive-only inputs. Covers every single-task catalogue loss (not {@code multitask}).
 */
public final class RandomBatches {
    private RandomBatches() {
    }

    /** A {@code rows × cols} batch for {@code loss}; {@code cols} must suit it (even for gaussian_nll, ...). */
    public static LossBatch of(Loss loss, int rows, int cols, Random rnd) {
        return of(loss, rows, cols, false, rnd);
    }

    /**
     * As {@link #of(Loss, int, int, Random)}; with {@code classIndices} a classification loss gets one class
     * index per example instead of one-hot rows.
     */
    public static LossBatch of(Loss loss, int rows, int cols, boolean classIndices, Random rnd) {
        int targetCols = classIndices ? 1 : loss.targetCols(cols);
        double[] x = new double[rows * cols];
        double[] y = new double[rows * targetCols];
        for (int k = 0; k < x.length; k++) {
            x[k] = prediction(loss, k % cols, cols, rnd);
        }
        for (int i = 0; i < rows; i++) {
            fillTargets(loss, y, i, targetCols, classIndices, rnd);
        }
        return LossBatch.of(rows, cols, x, y, targetCols);
    }

    private static double prediction(Loss loss, int col, int cols, Random rnd) {
        switch (loss.name()) {
            case "tweedie":
                return uniform(rnd, 0.3, 3);
            case "poisson_nll":
                return loss.spec().named().get("logInput").equals(Boolean.TRUE) ? uniform(rnd, -2, 2) : uniform(rnd, 0.3, 3);
            case "gaussian_nll":
                boolean variance = col >= cols / 2;
                return variance && loss.spec().named().get("variance").equals("raw") ? uniform(rnd, 0.3, 2) : uniform(rnd, -2, 2);
            case "msle":
                return uniform(rnd, -0.5, 3);
            default:
                break;
        }
        switch (loss.inputForm()) {
            case PROBABILITIES:
                return uniform(rnd, 0.05, 0.95);
            case SOFTMAX_LOGITS:
            case SIGMOID_LOGITS:
                return uniform(rnd, -4, 4);
            default:
                return uniform(rnd, -3, 3);
        }
    }

    private static void fillTargets(Loss loss, double[] y, int i, int tc, boolean classIndices, Random rnd) {
        int o = i * tc;
        switch (loss.name()) {
            case "softmax_cross_entropy", "softmax_focal", "multiclass_hinge", "multi_margin", "zero_one",
                 "categorical_cross_entropy", "categorical_hinge", "categorical_focal" -> {
                if (classIndices) {
                    y[o] = rnd.nextInt(loss.name().equals("zero_one") ? 2 : 3);
                } else {
                    y[o + rnd.nextInt(tc)] = 1;
                }
            }
            case "kl_divergence" -> {
                double sum = 0;
                for (int j = 0; j < tc; j++) {
                    y[o + j] = uniform(rnd, 0.1, 1);
                    sum += y[o + j];
                }
                boolean log = loss.spec().named().get("logTarget").equals(Boolean.TRUE);
                for (int j = 0; j < tc; j++) {
                    y[o + j] = log ? Math.log(y[o + j] / sum) : y[o + j] / sum;
                }
            }
            default -> {
                for (int j = 0; j < tc; j++) {
                    y[o + j] = target(loss, rnd);
                }
            }
        }
    }

    private static double target(Loss loss, Random rnd) {
        switch (loss.name()) {
            case "binary_cross_entropy", "focal":
                return rnd.nextBoolean() ? rnd.nextInt(2) : rnd.nextDouble();
            case "hinge", "squared_hinge":
                return rnd.nextBoolean() ? 1 : -1;
            case "multilabel_hinge":
                return rnd.nextInt(2);
            case "poisson_nll":
                return rnd.nextInt(5);
            case "tweedie", "msle":
                return uniform(rnd, 0.2, 3);
            case "mape":
                return (rnd.nextBoolean() ? 1 : -1) * uniform(rnd, 0.5, 3);
            case "wasserstein":
                return rnd.nextBoolean() ? 1 : -1;
            default:
                return uniform(rnd, -3, 3);
        }
    }

    private static double uniform(Random rnd, double low, double high) {
        return low + (high - low) * rnd.nextDouble();
    }

    /** A random 0/1 mask shaped like the predictions, with about a quarter of the outputs masked. */
    public static double[] outputMask(LossBatch batch, Random rnd) {
        double[] m = new double[batch.rows() * batch.cols()];
        for (int k = 0; k < m.length; k++) {
            m[k] = rnd.nextInt(4) == 0 ? 0 : 1;
        }
        return m;
    }

    /** Random example weights in [0, 2], one of them 0 (a masked example). */
    public static double[] exampleWeights(int rows, Random rnd) {
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) {
            w[i] = 2 * rnd.nextDouble();
        }
        w[rnd.nextInt(rows)] = 0;
        return w;
    }
}
