package io.github.unigrad.crossframework;

import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.tribuo.UnigradLabelObjective;
import io.github.unigrad.tribuo.UnigradRegressionObjective;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One loss spec, two frameworks: the DL4J adapter ({@code UnigradLoss}) and the Tribuo adapter
 * ({@code UnigradLabelObjective} / {@code UnigradRegressionObjective}) give the same value and the
 * same gradient on the same inputs, for every catalogue loss both can host.
 *
 * <p>Conventions converted here: DL4J takes the pre-activations z with the output layer's
 * activation (softmax for losses on softmax logits or on probabilities, sigmoid for losses on sigmoid
 * logits, identity for values), returns per-example values ({@code computeScoreArray}) and dL/dz of
 * the <em>sum</em> over the minibatch; Tribuo takes one example's raw scores and returns its value and
 * the <em>negative</em> gradient. So: Tribuo's value of example i = DL4J's score row i, and Tribuo's
 * vector = −(DL4J's gradient row i). Tribuo sees one example at a time, so a batch-coupled loss
 * ({@code batch_rmse}) is compared on DL4J batches of one example.
 */
class CrossFrameworkLossTest {
    private static final int ROWS = 6;
    private static final int CLASSES = 3;
    private static final int TARGETS = 2;
    private static final double TOLERANCE = 1e-12;
    /** Extra configurations beyond each entry's defaults. */
    private static final List<String> CONFIGURED = List.of("huber(delta=0.5)", "smooth_l1(beta=0.3)",
            "softmax_cross_entropy(labelSmoothing=0.1)", "softmax_cross_entropy(weights=[1, 2, 0.5])",
            "binary_cross_entropy(fromLogits=false, clip=1e-05)", "binary_cross_entropy(posWeight=2)",
            "focal(gamma=1, alpha=0.5)", "softmax_focal(gamma=1)", "quantile(quantiles=[0.3])", "mse(weights=[1, 3])",
            "multiclass_hinge(margin=2)", "barron(alpha=0.5, scale=2)", "tweedie(power=1.2)");
    /** Losses that must be hostable by both (so the test cannot pass by hosting nothing). */
    private static final List<String> MUST_HOST = List.of("softmax_cross_entropy", "categorical_cross_entropy",
            "binary_cross_entropy", "multiclass_hinge", "softmax_focal", "mse", "l2", "l1", "mae", "huber",
            "smooth_l1", "log_cosh");

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** One spec as both frameworks host it for one output type. */
    record Hosted(String spec, boolean labels, SGDObjective<?> tribuo, UnigradLoss dl4j) {
        Loss loss() {
            return dl4j.loss();
        }
    }

    static List<Hosted> hosted() {
        List<String> specs = new ArrayList<>(Losses.names());
        specs.addAll(CONFIGURED);
        List<Hosted> out = new ArrayList<>();
        for (String spec : specs) {
            UnigradLoss dl4j;
            try {
                dl4j = new UnigradLoss(spec);
            } catch (IllegalArgumentException e) {
                continue; // an entry that needs arguments (multitask) or that DL4J cannot host
            }
            try {
                out.add(new Hosted(spec, true, new UnigradLabelObjective(spec), dl4j));
            } catch (PropertyException e) {
                // not a classification loss
            }
            try {
                out.add(new Hosted(spec, false, new UnigradRegressionObjective(spec), dl4j));
            } catch (PropertyException e) {
                // not a regression loss
            }
        }
        return out;
    }

    @Test
    void everyCommonLossIsHostedByBoth() {
        TreeSet<String> names = new TreeSet<>();
        for (Hosted h : hosted()) {
            names.add(h.loss().name());
        }
        assertThat(names).containsAll(MUST_HOST);
    }

    @TestFactory
    List<DynamicTest> sameValueAndGradientInBothFrameworks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Hosted h : hosted()) {
            tests.add(DynamicTest.dynamicTest((h.labels() ? "labels: " : "regression: ") + h.spec(), () -> check(h)));
        }
        return tests;
    }

    @SuppressWarnings("unchecked")
    private static void check(Hosted h) {
        SplittableRandom rng = new SplittableRandom(h.spec().hashCode());
        int k = h.labels() ? CLASSES : TARGETS;
        double[][] scores = new double[ROWS][k];
        double[][] targets = new double[ROWS][k];
        int[] classes = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            classes[i] = i % CLASSES;
            for (int j = 0; j < k; j++) {
                if (h.labels()) {
                    scores[i][j] = rng.nextDouble(-3, 3);
                } else {
                    // positive values keep log-based and ratio losses (msle, mape, poisson, tweedie) in their domain
                    scores[i][j] = rng.nextDouble(0.2, 2.5);
                    targets[i][j] = rng.nextDouble(0.2, 2.5);
                }
            }
            if (h.labels()) {
                targets[i][classes[i]] = 1.0;
            }
        }
        Activation activation = activation(h.loss().inputForm(), h.labels());
        for (int i = 0; i < ROWS; i++) {
            // Tribuo evaluates one example at a time: a batch-coupled loss (batch_rmse) is compared on batches of one
            boolean single = h.loss().isBatchCoupled();
            double[][] s = single ? new double[][] {scores[i]} : scores;
            double[][] y = single ? new double[][] {targets[i]} : targets;
            int row = single ? 0 : i;
            INDArray values = h.dl4j().computeScoreArray(Nd4j.create(y), Nd4j.create(s), activation.getActivationFunction(), null);
            INDArray gradient = h.dl4j().computeGradient(Nd4j.create(y), Nd4j.create(s), activation.getActivationFunction(), null);
            SGDVector prediction = DenseVector.createDenseVector(scores[i].clone());
            Pair<Double, SGDVector> tribuo = h.labels()
                    ? ((SGDObjective<Integer>) h.tribuo()).lossAndGradient(classes[i], prediction)
                    : ((SGDObjective<DenseVector>) h.tribuo()).lossAndGradient(DenseVector.createDenseVector(targets[i].clone()), prediction);
            assertThat(tribuo.getA()).as("value of example %d", i)
                    .isCloseTo(values.getDouble(row, 0), within(TOLERANCE * Math.max(1, Math.abs(tribuo.getA()))));
            for (int j = 0; j < k; j++) {
                assertThat(-tribuo.getB().get(j)).as("dL/dz[%d][%d]", i, j)
                        .isCloseTo(gradient.getDouble(row, j), within(TOLERANCE * Math.max(1, Math.abs(gradient.getDouble(row, j)))));
            }
        }
    }

    /** The output activation a DL4J layer has when it feeds this loss what Tribuo feeds it. */
    private static Activation activation(InputForm form, boolean labels) {
        return switch (form) {
            case SOFTMAX_LOGITS -> Activation.SOFTMAX;
            case SIGMOID_LOGITS -> Activation.SIGMOID;
            case PROBABILITIES -> labels ? Activation.SOFTMAX : Activation.SIGMOID;
            case VALUES -> Activation.IDENTITY;
        };
    }
}
