package io.github.unigrad.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaDelta;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.math.optimisers.Pegasos;
import org.tribuo.math.optimisers.RMSProp;
import org.tribuo.math.optimisers.SGD;

import static io.github.unigrad.tribuo.ModelComparison.assertSameModel;
import static io.github.unigrad.tribuo.ModelComparison.relativeParameterError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Tribuo built-in optimiser against our adapter configured by the spec that reproduces its
 * formula, with the same (Tribuo's) objective on both sides so that only the optimiser differs:
 * the trained models agree to 1e-9 relative and predict the same labels. Dense data (iris) for
 * every rule; sparse data, example weights and minibatches where the built-in's formula is the
 * rule's (SGD without momentum, AdaGrad: Tribuo's momentum, RMSProp and AdaDelta decay every entry
 * at every step, their sparse form here is the lazy one that touches only active entries).
 */
class OptimiserParityTest {
    private static final double TOLERANCE = 1e-9;
    private static final long SEED = 2024L;
    private static final int EPOCHS = 4;

    private static Model<Label> train(Dataset<Label> data, StochasticGradientOptimiser optimiser, int minibatch) {
        return new LinearSGDTrainer(new LogMulticlass(), optimiser, EPOCHS, -1, minibatch, SEED).train(data);
    }

    private static double parity(String what, Dataset<Label> data, StochasticGradientOptimiser builtin, String spec, int minibatch) {
        return assertSameModel(what + " vs " + spec, train(data, builtin, minibatch), train(data, new UnigradOptimiser(spec), minibatch),
                data, TOLERANCE);
    }

    private static double parity(String what, StochasticGradientOptimiser builtin, String spec) {
        return parity(what, TestData.iris(), builtin, spec, 1);
    }

    @Test
    void sgdWithConstantAndDecayingRates() {
        parity("SGD constant", SGD.getSimpleSGD(0.1), "sgd(lr=0.1)");
        parity("SGD 1/t", SGD.getLinearDecaySGD(0.5), "sgd(lr=inverse_time(0.5, decay=1, power=1))");
        parity("SGD 1/sqrt(t)", SGD.getSqrtDecaySGD(0.2), "sgd(lr=inverse_time(0.2, decay=1, power=0.5))");
    }

    @Test
    void sgdWithStandardAndNesterovMomentum() {
        parity("SGD constant STANDARD", SGD.getSimpleSGD(0.02, 0.9, SGD.Momentum.STANDARD), "sgd(lr=0.02, momentum=0.9)");
        parity("SGD constant NESTEROV", SGD.getSimpleSGD(0.02, 0.9, SGD.Momentum.NESTEROV),
                "sgd(lr=0.02, momentum=0.9, nesterov=true)");
        parity("SGD 1/t STANDARD", SGD.getLinearDecaySGD(0.1, 0.8, SGD.Momentum.STANDARD),
                "sgd(lr=inverse_time(0.1, decay=1, power=1), momentum=0.8)");
        parity("SGD 1/sqrt(t) NESTEROV", SGD.getSqrtDecaySGD(0.05, 0.8, SGD.Momentum.NESTEROV),
                "sgd(lr=inverse_time(0.05, decay=1, power=0.5), momentum=0.8, nesterov=true)");
        parity("SGD constant NONE", SGD.getSimpleSGD(0.1, 0.9, SGD.Momentum.NONE), "sgd(lr=0.1)");
    }

    @Test
    void adaGrad() {
        parity("AdaGrad", new AdaGrad(0.1, 1e-6), "adagrad(lr=0.1, eps=1e-6)");
    }

    @Test
    void adaDelta() {
        parity("AdaDelta", new AdaDelta(0.95, 1e-6), "adadelta(rho=0.95, eps=1e-6)");
    }

    @Test
    void rmsProp() {
        parity("RMSProp", new RMSProp(0.01, 0.9), "rmsprop(lr=0.01, alpha=0.9, eps=1e-8)");
        parity("RMSProp with decay", new RMSProp(0.01, 0.9, 1e-8, 0.1),
                "rmsprop(lr=inverse_time(0.01, decay=0.1), alpha=0.9, eps=1e-8)");
    }

    /**
     * Tribuo's {@code Pegasos.copy()} swaps its two arguments, and every trainer trains with a copy:
     * {@code new Pegasos(a, b)} trains as base rate b, lambda a. Ours is configured with what the
     * built-in actually does. Tribuo also projects onto the ball of radius 1/√λ; with λ = 0.5 the
     * weights stay inside it (checked), where the projection is the identity.
     */
    @Test
    void pegasosAsTribuoActuallyRunsIt() {
        Model<Label> builtin = train(TestData.iris(), new Pegasos(0.5, 0.05), 1);
        Model<Label> ours = train(TestData.iris(), new UnigradOptimiser("pegasos(lr=0.05, lambda=0.5)"), 1);
        assertSameModel("Pegasos(0.5, 0.05) vs pegasos(lr=0.05, lambda=0.5)", builtin, ours, TestData.iris(), TOLERANCE);
        double norm = ((org.tribuo.common.sgd.AbstractLinearSGDModel<?>) ours).getWeightsCopy().twoNorm();
        assertThat(norm).as("inside Pegasos' ball").isLessThan(1 / Math.sqrt(0.5));
        Model<Label> asWritten = train(TestData.iris(), new UnigradOptimiser("pegasos(lr=0.5, lambda=0.05)"), 1);
        assertThat(relativeParameterError(builtin, asWritten)).as("the built-in does not run as written").isGreaterThan(1e-3);
    }

    @Test
    void parameterAveraging() {
        parity("ParameterAveraging(SGD constant)", new ParameterAveraging(SGD.getSimpleSGD(0.1)),
                "averaging(inner=sgd(lr=0.1), includeInitial=true)");
        parity("ParameterAveraging(AdaGrad)", new ParameterAveraging(new AdaGrad(0.1, 1e-6)),
                "averaging(inner=adagrad(lr=0.1, eps=1e-6), includeInitial=true)");
    }

    @Test
    void sparseGradientsGoThroughTheSparseStep() {
        Dataset<Label> sparse = TestData.sparseLabels(11L, 400, 2000, 12, 4);
        parity("SGD constant, sparse", sparse, SGD.getSimpleSGD(0.1), "sgd(lr=0.1)", 1);
        parity("SGD 1/t, sparse", sparse, SGD.getLinearDecaySGD(0.5), "sgd(lr=inverse_time(0.5, decay=1, power=1))", 1);
        parity("AdaGrad, sparse", sparse, new AdaGrad(0.1, 1e-6), "adagrad(lr=0.1, eps=1e-6)", 1);
        parity("AdaGrad, sparse, minibatch 8", sparse, new AdaGrad(0.1, 1e-6), "adagrad(lr=0.1, eps=1e-6)", 8);
    }

    /** Example weights: Tribuo's SGD scales the step by the weight, its AdaGrad the gradient (before accumulating). */
    @Test
    void exampleWeightsAreHonouredAsTribuoDoes() {
        Dataset<Label> weighted = TestData.randomlyWeighted(TestData.iris(), 5L);
        parity("SGD constant, weighted", weighted, SGD.getSimpleSGD(0.1), "sgd(lr=0.1)", 1);
        parity("AdaGrad, weighted", weighted, new AdaGrad(0.1, 1e-6), "adagrad(lr=0.1, eps=1e-6)", 1);
        parity("AdaGrad, weighted, minibatch 5", weighted, new AdaGrad(0.1, 1e-6), "adagrad(lr=0.1, eps=1e-6)", 5);
        Model<Label> unweighted = train(TestData.iris(), new UnigradOptimiser("adagrad(lr=0.1, eps=1e-6)"), 1);
        Model<Label> ours = train(weighted, new UnigradOptimiser("adagrad(lr=0.1, eps=1e-6)"), 1);
        assertThat(relativeParameterError(unweighted, ours)).as("the weights change the model").isGreaterThan(1e-3);
    }

    /**
     * Tribuo's {@code AdaGrad.copy()} drops the initial accumulator value, so a trainer given
     * {@code new AdaGrad(lr, eps, 0.5)} trains with 0; ours keeps {@code initialAccumulator}.
     */
    @Test
    void adaGradsInitialValueIsLostByTheBuiltInButKeptByOurs() {
        Model<Label> builtin = train(TestData.iris(), new AdaGrad(0.1, 1e-6, 0.5), 1);
        Model<Label> zero = train(TestData.iris(), new UnigradOptimiser("adagrad(lr=0.1, eps=1e-6, initialAccumulator=0)"), 1);
        Model<Label> kept = train(TestData.iris(), new UnigradOptimiser("adagrad(lr=0.1, eps=1e-6, initialAccumulator=0.5)"), 1);
        assertThat(relativeParameterError(builtin, zero)).as("the built-in trains as if the value were 0").isLessThan(TOLERANCE);
        assertThat(relativeParameterError(builtin, kept)).as("ours keeps it").isGreaterThan(1e-3);
    }
}
