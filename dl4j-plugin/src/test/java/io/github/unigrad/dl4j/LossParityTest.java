package io.github.unigrad.dl4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossCosineProximity;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMAPE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossMSLE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.nd4j.linalg.lossfunctions.impl.LossPoisson;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSquaredHinge;
import org.nd4j.linalg.lossfunctions.impl.LossWasserstein;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.github.unigrad.dl4j.Arrays2.Labels;
import static io.github.unigrad.dl4j.Arrays2.relativeError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our loss against every DL4J built-in that has a catalogue twin: score (summed and averaged), the
 * per-example scores and dL/dz, in double, to a relative 1e-10, with no mask, an example mask and
 * (where the built-in has them) an output mask and per-output weights.
 */
class LossParityTest {
    private static final double TOLERANCE = 1e-10;
    private static final double[] WEIGHTS = {0.5, 2, 1.25};

    @BeforeAll
    static void doubles() {
        Arrays2.useDoubles();
    }

    /** One built-in and its twin: the built-in made from per-output weights (null for none), and the spec for the same weights. */
    record Twin(String name, Function<INDArray, ILossFunction> builtin, Function<String, String> spec, Activation activation,
                Labels labels, boolean outputMask, boolean weighted) {
        /** DL4J's LossMAE forgets to divide its per-example scores by the number of outputs (see maeScoreArrayDefect). */
        boolean scoreArrayNotMeaned() {
            return name.equals("LossMAE");
        }

        @Override
        public String toString() {
            return name + " + " + activation;
        }
    }

    private static String weightsArg() {
        return "weights=[0.5, 2, 1.25]";
    }

    private static Function<String, String> named(String name) {
        return w -> w == null ? name : name + "(" + w + ")";
    }

    private static Function<String, String> named(String name, String args) {
        return w -> name + "(" + args + (w == null ? "" : ", " + w) + ")";
    }

    static List<Twin> twins() {
        List<Twin> t = new ArrayList<>();
        t.add(new Twin("LossMSE", LossMSE::new, named("mse"), Activation.IDENTITY, Labels.REAL, true, true));
        t.add(new Twin("LossMSE", LossMSE::new, named("mse"), Activation.TANH, Labels.REAL, true, true));
        t.add(new Twin("LossL2", LossL2::new, named("l2"), Activation.TANH, Labels.REAL, true, true));
        t.add(new Twin("LossL2", LossL2::new, named("l2"), Activation.SOFTMAX, Labels.PROBABILITIES, false, true));
        t.add(new Twin("LossMAE", LossMAE::new, named("mae"), Activation.IDENTITY, Labels.REAL, true, true));
        t.add(new Twin("LossL1", LossL1::new, named("l1"), Activation.TANH, Labels.REAL, true, true));
        t.add(new Twin("LossMAPE", LossMAPE::new, named("mape"), Activation.IDENTITY, Labels.POSITIVE, true, true));
        t.add(new Twin("LossMSLE", LossMSLE::new, named("msle"), Activation.SIGMOID, Labels.POSITIVE, true, true));
        t.add(new Twin("LossMCXENT", LossMCXENT::new, named("softmax_cross_entropy"), Activation.SOFTMAX, Labels.ONE_HOT, false, true));
        t.add(new Twin("LossMCXENT", LossMCXENT::new, named("softmax_cross_entropy"), Activation.SOFTMAX, Labels.PROBABILITIES, false, true));
        t.add(new Twin("LossMCXENT", LossMCXENT::new, named("categorical_cross_entropy", "clip=0"), Activation.SIGMOID,
                Labels.ONE_HOT, true, true));
        t.add(new Twin("LossNegativeLogLikelihood", LossNegativeLogLikelihood::new, named("softmax_cross_entropy"),
                Activation.SOFTMAX, Labels.ONE_HOT, false, true));
        t.add(new Twin("LossSparseMCXENT", LossSparseMCXENT::new, named("softmax_cross_entropy"), Activation.SOFTMAX,
                Labels.CLASS_INDEX, false, true));
        t.add(new Twin("LossBinaryXENT", LossBinaryXENT::new, named("binary_cross_entropy", "fromLogits=false, clip=1e-05"),
                Activation.SIGMOID, Labels.BINARY, true, true));
        t.add(new Twin("LossBinaryXENT", LossBinaryXENT::new, named("binary_cross_entropy"), Activation.SIGMOID, Labels.BINARY,
                true, true));
        t.add(new Twin("LossHinge", w -> new LossHinge(), named("hinge"), Activation.TANH, Labels.PLUS_MINUS, true, false));
        t.add(new Twin("LossSquaredHinge", w -> new LossSquaredHinge(), named("squared_hinge"), Activation.TANH,
                Labels.PLUS_MINUS, true, false));
        t.add(new Twin("LossKLD", w -> new LossKLD(), named("kl_divergence"), Activation.SOFTMAX, Labels.PROBABILITIES,
                false, false));
        t.add(new Twin("LossPoisson", w -> new LossPoisson(), named("poisson_nll", "logInput=false, eps=0"),
                Activation.SOFTPLUS, Labels.POSITIVE, true, false));
        t.add(new Twin("LossCosineProximity", w -> new LossCosineProximity(), named("cosine_proximity"), Activation.TANH,
                Labels.REAL, false, false));
        t.add(new Twin("LossWasserstein", w -> new LossWasserstein(), named("wasserstein"), Activation.IDENTITY,
                Labels.REAL, true, false));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void sameScoreAndGradientAsTheBuiltIn(Twin twin) {
        Random r = new Random(twin.name().hashCode());
        int rows = 5;
        int cols = 3;
        INDArray labels = twin.labels().make(r, rows, cols);
        INDArray z = Arrays2.gaussian(r, rows, cols, DataType.DOUBLE);
        List<INDArray> masks = new ArrayList<>();
        masks.add(null);
        masks.add(Nd4j.create(new double[][]{{1}, {0}, {1}, {1}, {0}}));
        if (twin.outputMask()) {
            masks.add(Arrays2.mask(r, rows, cols));
        }
        for (INDArray mask : masks) {
            double scoreArrayScale = twin.scoreArrayNotMeaned() ? 1.0 / cols : 1.0;
            compare(twin.builtin().apply(null), new UnigradLoss(twin.spec().apply(null)), labels, z,
                    twin.activation().getActivationFunction(), mask, scoreArrayScale);
            if (twin.weighted()) {
                compare(twin.builtin().apply(Nd4j.create(WEIGHTS, 1, 3)), new UnigradLoss(twin.spec().apply(weightsArg())),
                        labels, z, twin.activation().getActivationFunction(), mask, scoreArrayScale);
            }
        }
    }

    /**
     * Compares score, per-example scores (the built-in's times {@code scoreArrayScale}) and gradient.
     */
    static void compare(ILossFunction builtin, UnigradLoss ours, INDArray labels, INDArray z, IActivation f, INDArray mask,
                        double scoreArrayScale) {
        String what = ours + " vs " + builtin + " with " + f + (mask == null ? "" : ", mask " + java.util.Arrays.toString(mask.shape()));
        for (boolean average : new boolean[]{false, true}) {
            double expected = builtin.computeScore(labels.dup(), z.dup(), f, mask, average);
            double actual = ours.computeScore(labels.dup(), z.dup(), f, mask, average);
            assertThat(relativeError(expected, actual)).as(what + " score").isLessThanOrEqualTo(TOLERANCE);
        }
        assertThat(relativeError(builtin.computeScoreArray(labels.dup(), z.dup(), f, mask).muli(scoreArrayScale),
                ours.computeScoreArray(labels.dup(), z.dup(), f, mask))).as(what + " score array").isLessThanOrEqualTo(TOLERANCE);
        assertThat(relativeError(builtin.computeGradient(labels.dup(), z.dup(), f, mask),
                ours.computeGradient(labels.dup(), z.dup(), f, mask))).as(what + " gradient").isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * DL4J defect (1.0.0-M2.1): {@code LossMAE.computeScoreArray} divides LossL1's per-example scores
     * by {@code scoreArr.size(1)}, which is 1 for the {@code [N,1]} array it has by then, so its
     * per-example MAE is the L1 sum and does not add up to {@code computeScore}. Ours does.
     */
    @Test
    void maeScoreArrayDefect() {
        Random r = new Random(9);
        INDArray y = Labels.REAL.make(r, 4, 3);
        INDArray z = Arrays2.gaussian(r, 4, 3, DataType.DOUBLE);
        IActivation identity = Activation.IDENTITY.getActivationFunction();
        LossMAE builtin = new LossMAE();
        double total = builtin.computeScore(y, z, identity, null, false);
        assertThat(relativeError(total, builtin.computeScoreArray(y, z, identity, null).sumNumber().doubleValue()))
                .isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        UnigradLoss ours = new UnigradLoss("mae");
        assertThat(relativeError(total, ours.computeScoreArray(y, z, identity, null).sumNumber().doubleValue())).isLessThan(1e-14);
    }
}
