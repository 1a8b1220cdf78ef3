package io.github.unigrad.dl4j;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.github.unigrad.dl4j.Arrays2.Labels;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DL4J's own {@link GradientCheckUtil} on Dense(4→4, tanh) + OutputLayer with our loss, over the
 * loss/activation/label combinations of DL4J's {@code LossFunctionGradientCheck} (minibatch 1 and 3,
 * eps 1e-6, max relative error 1e-5, min absolute error 1e-8), without a mask, with an example mask
 * and, where single outputs can be masked, with an output mask. Each loss is first round-tripped
 * through DL4J's JSON mapper, as DL4J's check does.
 */
class GradientCheckTest {

    @BeforeAll
    static void doubles() {
        Arrays2.useDoubles();
    }

    record Case(String spec, Activation activation, int nOut, Labels labels, boolean outputMask) {
        @Override
        public String toString() {
            return spec + " + " + activation + " (" + nOut + " outputs)";
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("binary_cross_entropy", Activation.SIGMOID, 1, Labels.BINARY, true));
        c.add(new Case("binary_cross_entropy", Activation.SIGMOID, 3, Labels.BINARY, true));
        c.add(new Case("binary_cross_entropy(fromLogits=false)", Activation.SIGMOID, 3, Labels.BINARY, true));
        c.add(new Case("cosine_proximity", Activation.TANH, 5, Labels.REAL, false));
        c.add(new Case("hinge", Activation.TANH, 3, Labels.PLUS_MINUS, true));
        c.add(new Case("kl_divergence", Activation.SIGMOID, 3, Labels.PROBABILITIES, true));
        c.add(new Case("kl_divergence", Activation.SOFTMAX, 3, Labels.PROBABILITIES, false));
        c.add(new Case("l1", Activation.TANH, 3, Labels.REAL, true));
        c.add(new Case("l1", Activation.RATIONALTANH, 3, Labels.REAL, true));
        c.add(new Case("l1", Activation.SOFTMAX, 3, Labels.PROBABILITIES, false));
        c.add(new Case("l2", Activation.TANH, 3, Labels.REAL, true));
        c.add(new Case("l2", Activation.SOFTMAX, 3, Labels.PROBABILITIES, false));
        c.add(new Case("mae", Activation.IDENTITY, 3, Labels.REAL, true));
        c.add(new Case("mae", Activation.SOFTMAX, 3, Labels.PROBABILITIES, false));
        c.add(new Case("mape", Activation.IDENTITY, 3, Labels.POSITIVE, true));
        c.add(new Case("mape", Activation.SOFTMAX, 3, Labels.POSITIVE, false));
        c.add(new Case("softmax_cross_entropy", Activation.SOFTMAX, 3, Labels.ONE_HOT, false));
        c.add(new Case("softmax_cross_entropy", Activation.SOFTMAX, 3, Labels.CLASS_INDEX, false));
        c.add(new Case("mse", Activation.IDENTITY, 3, Labels.REAL, true));
        c.add(new Case("mse", Activation.SOFTMAX, 3, Labels.PROBABILITIES, false));
        c.add(new Case("msle", Activation.SIGMOID, 3, Labels.POSITIVE, true));
        c.add(new Case("msle", Activation.SOFTMAX, 3, Labels.POSITIVE, false));
        c.add(new Case("categorical_cross_entropy", Activation.SIGMOID, 3, Labels.ONE_HOT, false));
        c.add(new Case("categorical_cross_entropy", Activation.SOFTMAX, 3, Labels.ONE_HOT, false));
        c.add(new Case("poisson_nll(logInput=false)", Activation.SIGMOID, 3, Labels.POSITIVE, true));
        c.add(new Case("squared_hinge", Activation.TANH, 3, Labels.PLUS_MINUS, true));
        // PyTorch's options, beyond DL4J's combinations
        c.add(new Case("binary_cross_entropy(posWeight=[0.5, 2, 3])", Activation.SIGMOID, 3, Labels.BINARY, true));
        c.add(new Case("multi_margin(p=2, weights=[1, 2, 0.5])", Activation.TANH, 3, Labels.ONE_HOT, false));
        c.add(new Case("multi_margin(p=2, margin=0.5)", Activation.IDENTITY, 3, Labels.CLASS_INDEX, false));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dl4jGradientCheckPasses(Case c) throws Exception {
        UnigradLoss loss = NeuralNetConfiguration.mapper().readValue(
                NeuralNetConfiguration.mapper().writeValueAsString(new UnigradLoss(c.spec())), UnigradLoss.class);
        for (int minibatch : new int[]{1, 3}) {
            Random r = new Random(12345 + minibatch);
            INDArray input = Arrays2.gaussian(r, minibatch, 4, DataType.DOUBLE);
            INDArray labels = c.labels().make(r, minibatch, c.nOut());
            List<INDArray> masks = new ArrayList<>();
            masks.add(null);
            if (minibatch > 1) {
                masks.add(Nd4j.create(new double[]{1, 0, 1}, minibatch, 1));
            }
            if (c.outputMask()) {
                masks.add(Arrays2.mask(r, minibatch, c.nOut()));
            }
            for (INDArray mask : masks) {
                Nd4j.getRandom().setSeed(12345);
                MultiLayerNetwork net = Nets.init(new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE)
                        .updater(new NoOp()).weightInit(new UniformDistribution(-2, 2)).list()
                        .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build())
                        .layer(new OutputLayer.Builder().lossFunction(loss).activation(c.activation()).nIn(4).nOut(c.nOut()).build())
                        .build());
                boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                        .labels(labels).labelMask(mask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8));
                assertThat(ok).as(c + ", minibatch " + minibatch + (mask == null ? "" : ", mask " + mask)).isTrue();
            }
        }
    }

    /** The check above can fail: a loss whose gradient is 1% too large is caught. */
    @Test
    void aWrongGradientIsCaught() {
        UnigradLoss mse = new UnigradLoss("mse");
        ILossFunction wrong = new LossMSE() {
            @Override
            public double computeScore(INDArray labels, INDArray preOutput, IActivation f, INDArray mask, boolean average) {
                return mse.computeScore(labels, preOutput, f, mask, average);
            }

            @Override
            public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation f, INDArray mask) {
                return mse.computeGradient(labels, preOutput, f, mask).muli(1.01);
            }
        };
        Random r = new Random(1);
        MultiLayerNetwork net = Nets.init(new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().lossFunction(wrong).activation(Activation.IDENTITY).nIn(4).nOut(3).build())
                .build());
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(Arrays2.gaussian(r, 3, 4, DataType.DOUBLE)).labels(Labels.REAL.make(r, 3, 3))
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8))).isFalse();
    }
}
