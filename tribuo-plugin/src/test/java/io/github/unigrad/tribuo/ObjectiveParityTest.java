package io.github.unigrad.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.multilabel.sgd.MultiLabelObjective;
import org.tribuo.multilabel.sgd.fm.FMMultiLabelTrainer;
import org.tribuo.multilabel.sgd.objectives.BinaryCrossEntropy;
import org.tribuo.regression.sgd.RegressionObjective;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.objectives.AbsoluteLoss;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import java.util.function.Function;

import static io.github.unigrad.tribuo.ModelComparison.assertSameModel;

/**
 * Each Tribuo built-in objective against our objective configured to its conventions, with the
 * same (Tribuo's own) optimiser on both sides so that only the objective differs: the trained
 * models agree to 1e-9 relative and predict the same outputs, with {@code LinearSGDTrainer} and
 * with the factorization-machine trainer of the output type.
 */
class ObjectiveParityTest {
    private static final double TOLERANCE = 1e-9;
    private static final int EPOCHS = 5;
    private static final long SEED = 12345L;
    private static final int FACTORS = 3;
    private static final double FACTOR_VARIANCE = 0.1;

    private static StochasticGradientOptimiser sgd() {
        return SGD.getSimpleSGD(0.05);
    }

    // ---- labels

    @Test
    void logMulticlassIsSoftmaxCrossEntropy() {
        labels("LogMulticlass", new LogMulticlass(), "softmax_cross_entropy");
    }

    @Test
    void hingeIsMulticlassHingeWithMarginOne() {
        labels("Hinge", new Hinge(), "multiclass_hinge(margin=1)");
    }

    private static void labels(String name, LabelObjective builtin, String spec) {
        parity(name + " vs " + spec, TestData.iris(), builtin, new UnigradLabelObjective(spec),
                o -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(o, sgd(), EPOCHS, SEED),
                o -> new FMClassificationTrainer(o, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE));
    }

    /** Trains a linear model and a factorization machine with each objective and compares them. */
    private static <T extends Output<T>, O> void parity(String what, Dataset<T> data, O builtin, O ours,
                                                       Function<O, Trainer<T>> linear, Function<O, Trainer<T>> fm) {
        assertSameModel("linear " + what, linear.apply(builtin).train(data), linear.apply(ours).train(data), data, TOLERANCE);
        assertSameModel("FM " + what, fm.apply(builtin).train(data), fm.apply(ours).train(data), data, TOLERANCE);
    }

    // ---- regression

    @Test
    void squaredLossIsHalfOfL2() {
        regression("SquaredLoss", new SquaredLoss(), "l2(weights=[0.5])");
    }

    @Test
    void absoluteLossIsL1() {
        regression("AbsoluteLoss", new AbsoluteLoss(), "l1");
    }

    @Test
    void huberIsHuberWithDeltaEqualToTheCost() {
        regression("Huber(0.3)", new Huber(0.3), "huber(delta=0.3)");
    }

    private static void regression(String name, RegressionObjective builtin, String spec) {
        parity(name + " vs " + spec, TestData.diabetes(), builtin, new UnigradRegressionObjective(spec),
                o -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(o, sgd(), EPOCHS, SEED),
                o -> new FMRegressionTrainer(o, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE, false));
    }

    // ---- multi-label

    @Test
    void binaryCrossEntropyIsBinaryCrossEntropyFromLogits() {
        multiLabel("BinaryCrossEntropy", new BinaryCrossEntropy(), "binary_cross_entropy(fromLogits=true)");
    }

    @Test
    void multiLabelHingeIsMultilabelHingeWithMarginOne() {
        multiLabel("multi-label Hinge", new org.tribuo.multilabel.sgd.objectives.Hinge(), "multilabel_hinge(margin=1)");
    }

    private static void multiLabel(String name, MultiLabelObjective builtin, String spec) {
        parity(name + " vs " + spec, TestData.irisMultiLabel(), builtin, new UnigradMultiLabelObjective(spec),
                o -> new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(o, sgd(), EPOCHS, SEED),
                o -> new FMMultiLabelTrainer(o, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE));
    }
}
