package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.AbstractSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapters are generic over the catalogues: every loss either trains an output type or is
 * refused for it at configuration time, and every optimiser trains through the adapter, dense and
 * sparse. Nothing here names a loss or optimiser the adapters know about: they know none.
 */
class CatalogueSweepTest {
    private static final List<String> OPTIMISER_ARGUMENTS = List.of("", "(lr=0.01)", "(lr=0.05, lambda=0.5)",
            "(inner=sgd(lr=0.05))", "(inner=sgd(lr=0.05), every=2)", "(transforms=[clip_by_global_norm(max=1), scale_by_adam(), scale_by_lr], lr=0.01)");

    private static <O> Set<String> accepted(Function<String, O> build) {
        Set<String> names = new TreeSet<>();
        for (String name : Losses.names()) {
            try {
                build.apply(name);
                names.add(name);
            } catch (PropertyException e) {
                assertThat(e.getMessage()).as(name).containsAnyOf("cannot train", "missing required", "needs");
            }
        }
        return names;
    }

    @Test
    void everyLossTrainsLabelsOrIsRefusedClearly() {
        Set<String> fit = accepted(UnigradLabelObjective::new);
        System.out.println("LOSSES for labels: " + fit);
        assertThat(fit).contains("softmax_cross_entropy", "categorical_cross_entropy", "multiclass_hinge", "multi_margin", "softmax_focal",
                "binary_cross_entropy", "focal").doesNotContain("mse", "huber", "zero_one", "hinge", "gaussian_nll");
        Dataset<Label> data = TestData.iris();
        for (String name : fit) {
            assertTrained(name, new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new UnigradLabelObjective(name),
                    new UnigradOptimiser("adagrad(lr=0.1)"), 1, 1L).train(data));
        }
    }

    @Test
    void everyLossTrainsRegressionOrIsRefusedClearly() {
        Set<String> fit = accepted(UnigradRegressionObjective::new);
        System.out.println("LOSSES for regression: " + fit);
        assertThat(fit).contains("mse", "l2", "mae", "l1", "huber", "smooth_l1", "log_cosh", "quantile", "rmse", "msle")
                .doesNotContain("softmax_cross_entropy", "binary_cross_entropy", "hinge", "multiclass_hinge",
                        "multilabel_hinge", "gaussian_nll", "zero_one");
        Dataset<Regressor> data = TestData.diabetes();
        for (String name : fit) {
            Model<Regressor> model = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new UnigradRegressionObjective(name),
                    new UnigradOptimiser("adagrad(lr=0.1)"), 1, 1L).train(data);
            // the cosine between two scalars is ±1 whatever their size: on one output it has no gradient
            assertTrained(name, model, !name.equals("cosine_proximity"));
        }
    }

    @Test
    void everyLossTrainsMultiLabelsOrIsRefusedClearly() {
        Set<String> fit = accepted(UnigradMultiLabelObjective::new);
        System.out.println("LOSSES for multi-label: " + fit);
        assertThat(fit).contains("binary_cross_entropy", "focal", "multilabel_hinge")
                .doesNotContain("softmax_cross_entropy", "softmax_focal", "mse", "huber", "zero_one");
        Dataset<MultiLabel> data = TestData.irisMultiLabel();
        for (String name : fit) {
            assertTrained(name, new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(new UnigradMultiLabelObjective(name),
                    new UnigradOptimiser("adagrad(lr=0.1)"), 1, 1L).train(data));
        }
    }

    @Test
    void everyOptimiserTrainsThroughTheAdapterOnDenseAndSparseData() {
        Dataset<Label> dense = TestData.iris();
        Dataset<Label> sparse = TestData.sparseLabels(3L, 200, 500, 8, 3);
        List<String> trained = new ArrayList<>();
        for (String name : Optimisers.names()) {
            UnigradOptimiser optimiser = null;
            for (String args : OPTIMISER_ARGUMENTS) {
                try {
                    optimiser = new UnigradOptimiser(name + args);
                    break;
                } catch (PropertyException e) {
                    // try the next arguments
                }
            }
            assertThat(optimiser).as("some spec of %s parses", name).isNotNull();
            String spec = optimiser.optimiser().spec().toString();
            for (Dataset<Label> data : List.of(dense, sparse)) {
                assertTrained(spec, new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
                        optimiser, 2, 1L).train(data));
            }
            trained.add(spec);
        }
        System.out.println("OPTIMISERS trained: " + trained);
        assertThat(trained).hasSameSizeAs(Optimisers.names());
    }

    /** The model's parameters are finite and not all zero. */
    private static void assertTrained(String what, Model<?> model) {
        assertTrained(what, model, true);
    }

    /** The model's parameters are finite and, if {@code moved}, not all zero. */
    private static void assertTrained(String what, Model<?> model, boolean moved) {
        double sum = 0;
        for (Tensor t : ((AbstractSGDModel<?>) model).getModelParameters().get()) {
            double[] values = t instanceof DenseVector v ? v.toArray() : flatten((DenseMatrix) t);
            for (double x : values) {
                assertThat(Double.isFinite(x)).as("%s: finite parameters", what).isTrue();
                sum += Math.abs(x);
            }
        }
        if (moved) {
            assertThat(sum).as("%s: the parameters moved", what).isPositive();
        }
    }

    private static double[] flatten(DenseMatrix m) {
        double[][] rows = m.toArray();
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
