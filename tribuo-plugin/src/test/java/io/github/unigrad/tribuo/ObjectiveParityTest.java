package io.github.unigrad.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.sgd.MultiLabelObjective;
import org.tribuo.multilabel.sgd.fm.FMMultiLabelTrainer;
import org.tribuo.multilabel.sgd.objectives.BinaryCrossEntropy;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.RegressionObjective;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.objectives.AbsoluteLoss;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

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
        Dataset<Label> data = TestData.iris();
        UnigradLabelObjective ours = new UnigradLabelObjective(spec);
        Model<Label> a = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(builtin, sgd(), EPOCHS, SEED).train(data);
        Model<Label> b = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(ours, sgd(), EPOCHS, SEED).train(data);
        assertSameModel("linear " + name + " vs " + spec, a, b, data, TOLERANCE);
        Model<Label> fa = new FMClassificationTrainer(builtin, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE).train(data);
        Model<Label> fb = new FMClassificationTrainer(ours, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE).train(data);
        assertSameModel("FM " + name + " vs " + spec, fa, fb, data, TOLERANCE);
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
        Dataset<Regressor> data = TestData.diabetes();
        UnigradRegressionObjective ours = new UnigradRegressionObjective(spec);
        Model<Regressor> a = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(builtin, sgd(), EPOCHS, SEED).train(data);
        Model<Regressor> b = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(ours, sgd(), EPOCHS, SEED).train(data);
        assertSameModel("linear " + name + " vs " + spec, a, b, data, TOLERANCE);
        Model<Regressor> fa = new FMRegressionTrainer(builtin, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE, false).train(data);
        Model<Regressor> fb = new FMRegressionTrainer(ours, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE, false).train(data);
        assertSameModel("FM " + name + " vs " + spec, fa, fb, data, TOLERANCE);
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
        Dataset<MultiLabel> data = TestData.irisMultiLabel();
        UnigradMultiLabelObjective ours = new UnigradMultiLabelObjective(spec);
        Model<MultiLabel> a = new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(builtin, sgd(), EPOCHS, SEED).train(data);
        Model<MultiLabel> b = new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(ours, sgd(), EPOCHS, SEED).train(data);
        assertSameModel("linear " + name + " vs " + spec, a, b, data, TOLERANCE);
        Model<MultiLabel> fa = new FMMultiLabelTrainer(builtin, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE).train(data);
        Model<MultiLabel> fb = new FMMultiLabelTrainer(ours, sgd(), EPOCHS, -1, SEED, FACTORS, FACTOR_VARIANCE).train(data);
        assertSameModel("FM " + name + " vs " + spec, fa, fb, data, TOLERANCE);
    }
}
