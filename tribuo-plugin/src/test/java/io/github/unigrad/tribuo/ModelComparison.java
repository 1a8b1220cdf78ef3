package io.github.unigrad.tribuo;

import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.common.sgd.AbstractSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.regression.Regressor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Compares two SGD-trained Tribuo models (linear or factorization machine): every parameter
 * tensor, and the predictions on a dataset.
 */
final class ModelComparison {
    private ModelComparison() {
    }

    /**
     * The largest difference between the two models' parameters, relative to the largest parameter
     * magnitude of the tensor it is in: {@code max |a - b| / max(|a|)} over each tensor.
     */
    static double relativeParameterError(Model<?> a, Model<?> b) {
        Tensor[] ta = ((AbstractSGDModel<?>) a).getModelParameters().get();
        Tensor[] tb = ((AbstractSGDModel<?>) b).getModelParameters().get();
        assertThat(tb).hasSameSizeAs(ta);
        double worst = 0;
        for (int i = 0; i < ta.length; i++) {
            double[] x = flatten(ta[i]);
            double[] y = flatten(tb[i]);
            assertThat(y).as("tensor %d size", i).hasSameSizeAs(x);
            double scale = 0;
            double diff = 0;
            for (int k = 0; k < x.length; k++) {
                scale = Math.max(scale, Math.abs(x[k]));
                diff = Math.max(diff, Math.abs(x[k] - y[k]));
            }
            worst = Math.max(worst, scale == 0 ? diff : diff / scale);
        }
        return worst;
    }

    /** Asserts the parameters agree to {@code tolerance} (relative) and the predicted outputs are equal; returns the error. */
    static <T extends Output<T>> double assertSameModel(String what, Model<T> expected, Model<T> actual,
                                                       Dataset<T> data, double tolerance) {
        double error = relativeParameterError(expected, actual);
        System.out.printf("PARITY %-60s relative parameter error %.3e%n", what, error);
        assertThat(error).as("%s: relative parameter error", what).isLessThanOrEqualTo(tolerance);
        assertSamePredictions(what, expected, actual, data);
        return error;
    }

    /** Asserts that both models predict the same output for every example. */
    static <T extends Output<T>> void assertSamePredictions(String what, Model<T> expected, Model<T> actual, Dataset<T> data) {
        List<Prediction<T>> pe = expected.predict(data);
        List<Prediction<T>> pa = actual.predict(data);
        for (int i = 0; i < pe.size(); i++) {
            T e = pe.get(i).getOutput();
            T a = pa.get(i).getOutput();
            if (e instanceof Regressor re) {
                double[] ve = re.getValues();
                double[] va = ((Regressor) a).getValues();
                for (int j = 0; j < ve.length; j++) {
                    assertThat(va[j]).as("%s: prediction %d, dimension %d", what, i, j)
                            .isCloseTo(ve[j], within(1e-9 * Math.max(1, Math.abs(ve[j]))));
                }
            } else if (e instanceof MultiLabel me) {
                assertThat(((MultiLabel) a).getNameSet()).as("%s: prediction %d", what, i).isEqualTo(me.getNameSet());
            } else {
                assertThat(a.getSerializableForm(false)).as("%s: prediction %d", what, i)
                        .isEqualTo(e.getSerializableForm(false));
            }
        }
    }

    private static double[] flatten(Tensor t) {
        if (t instanceof DenseVector v) {
            return v.toArray();
        }
        double[][] rows = ((DenseMatrix) t).toArray();
        double[] flat = new double[rows.length * (rows.length == 0 ? 0 : rows[0].length)];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[r].length, rows[r].length);
        }
        return flat;
    }
}
