package io.github.unigrad.compare;

import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;

/**
 * The task metric of a model on a test set: accuracy and macro-averaged F1 for classification,
 * root mean squared error and R² (coefficient of determination) for regression.
 *
 * @param first  accuracy, or RMSE
 * @param second macro F1, or R²
 */
public record Metrics(Task task, double first, double second) {

    /** Scores predicted class indices against the table's labels. */
    public static Metrics classification(Table truth, int[] predicted) {
        int k = truth.outputs();
        int[] tp = new int[k];
        int[] fp = new int[k];
        int[] fn = new int[k];
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            int t = truth.label(i);
            int p = predicted[i];
            if (t == p) {
                correct++;
                tp[t]++;
            } else {
                fn[t]++;
                if (p >= 0 && p < k) {
                    fp[p]++;
                }
            }
        }
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            int denominator = 2 * tp[c] + fp[c] + fn[c];
            f1Sum += denominator == 0 ? 0 : 2.0 * tp[c] / denominator;
        }
        return new Metrics(Task.CLASSIFICATION, correct / (double) predicted.length, f1Sum / k);
    }

    /** Scores predicted values against the table's targets. */
    public static Metrics regression(Table truth, double[] predicted) {
        double mean = 0;
        for (double y : truth.y()) {
            mean += y;
        }
        mean /= truth.rows();
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - truth.y()[i];
            sse += d * d;
            double c = truth.y()[i] - mean;
            sst += c * c;
        }
        return new Metrics(Task.REGRESSION, Math.sqrt(sse / predicted.length), sst == 0 ? Double.NaN : 1 - sse / sst);
    }

    public boolean isClassification() {
        return task == Task.CLASSIFICATION;
    }

    public double accuracy() {
        requireTask(Task.CLASSIFICATION);
        return first;
    }

    public double macroF1() {
        requireTask(Task.CLASSIFICATION);
        return second;
    }

    public double rmse() {
        requireTask(Task.REGRESSION);
        return first;
    }

    public double r2() {
        requireTask(Task.REGRESSION);
        return second;
    }

    private void requireTask(Task t) {
        if (task != t) {
            throw new IllegalStateException("these are " + task + " metrics, not " + t);
        }
    }

    /** The metric as the report prints it, e.g. {@code acc 0.967, F1 0.966}. */
    public String describe() {
        return isClassification()
                ? String.format(java.util.Locale.ROOT, "acc %.3f, F1 %.3f", first, second)
                : String.format(java.util.Locale.ROOT, "RMSE %.3f, R² %.3f", first, second);
    }
}
