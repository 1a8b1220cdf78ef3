package io.github.unigrad.dl4j;

import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.loss.NotDifferentiableException;
import io.github.unigrad.testing.RandomBatches;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every loss of the catalogue, with its default spec, through DL4J with no per-loss code in the
 * adapter: DL4J's gradient check passes on Dense(4→4, tanh) + LossLayer (minibatch 3, without and
 * with an example mask), after a JSON round trip, for each differentiable loss that
 * {@link GradientCheckTest} does not cover, and {@code multitask} with a composite spec. The output activation is chosen from the loss's input form (softmax
 * or sigmoid logits are fused, probabilities come from a sigmoid, values from the identity), except
 * for the losses whose predictions must be positive.
 */
class EveryLossTest {
    private static final int OUT = 4;

    /** Losses whose predictions must be positive (or above -1): a softplus output keeps them in their domain. */
    private static final Map<String, Activation> POSITIVE = Map.of(
            "tweedie", Activation.SOFTPLUS, "gaussian_nll", Activation.SOFTPLUS, "msle", Activation.SOFTPLUS);

    @BeforeAll
    static void doubles() {
        Arrays2.useDoubles();
    }

    /** The differentiable losses that {@link GradientCheckTest} does not already check over DL4J's own combinations. */
    static List<String> differentiable() {
        Set<String> checked = GradientCheckTest.cases().stream().map(c -> Losses.parse(c.spec()).name()).collect(Collectors.toSet());
        return Losses.names().stream()
                .filter(n -> !n.equals("multitask") && !checked.contains(n) && Losses.parse(n).isDifferentiable()).toList();
    }

    private static Activation activationFor(Loss loss) {
        if (POSITIVE.containsKey(loss.name())) {
            return POSITIVE.get(loss.name());
        }
        InputForm form = loss.inputForm();
        return switch (form) {
            case SOFTMAX_LOGITS -> Activation.SOFTMAX;
            case SIGMOID_LOGITS, PROBABILITIES -> Activation.SIGMOID;
            case VALUES -> Activation.IDENTITY;
        };
    }

    private static MultiLayerNetwork net(UnigradLoss loss, Activation activation) {
        Nd4j.getRandom().setSeed(12345);
        return Nets.init(new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(new UniformDistribution(-1, 1)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(OUT).activation(Activation.TANH).build())
                .layer(new LossLayer.Builder().lossFunction(loss).activation(activation).build())
                .build());
    }

    private static INDArray targets(Loss loss, int rows, Random r) {
        LossBatch b = RandomBatches.of(loss, rows, OUT, r);
        return Nd4j.create(b.targets(), new long[]{rows, b.targetCols()}, 'c');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void dl4jGradientCheckPasses(String name) throws Exception {
        UnigradLoss loss = NeuralNetConfiguration.mapper().readValue(
                NeuralNetConfiguration.mapper().writeValueAsString(new UnigradLoss(name)), UnigradLoss.class);
        assertThat(loss).isEqualTo(new UnigradLoss(name));
        Random r = new Random(name.hashCode());
        INDArray input = Arrays2.gaussian(r, 3, 4, DataType.DOUBLE);
        INDArray labels = targets(loss.loss(), 3, r);
        for (INDArray mask : new INDArray[]{null, Nd4j.create(new double[]{1, 0, 1}, 3, 1)}) {
            MultiLayerNetwork net = net(loss, activationFor(loss.loss()));
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                    .labels(labels).labelMask(mask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8));
            assertThat(ok).as(loss + " with " + activationFor(loss.loss()) + (mask == null ? "" : ", example mask")).isTrue();
        }
    }

    @Test
    void multitaskWithASoftmaxTaskPassesOnAnIdentityOutput() {
        UnigradLoss loss = new UnigradLoss("multitask(losses=[mse, softmax_cross_entropy], columns=[1, 3])");
        Random r = new Random(11);
        INDArray labels = Nd4j.create(new double[][]{{0.5, 1, 0, 0}, {-1.2, 0, 0, 1}, {2, 0, 1, 0}});
        for (INDArray mask : new INDArray[]{null, Nd4j.create(new double[]{1, 0, 1}, 3, 1)}) {
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net(loss, Activation.IDENTITY))
                    .input(Arrays2.gaussian(r, 3, 4, DataType.DOUBLE)).labels(labels).labelMask(mask)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8));
            assertThat(ok).as(loss + (mask == null ? "" : ", example mask")).isTrue();
        }
    }

    @Test
    void zeroOneScoresButRefusesToTrain() {
        UnigradLoss loss = new UnigradLoss("zero_one");
        MultiLayerNetwork net = Nets.init(Nets.mlp(DataType.DOUBLE, loss, new Sgd(0.1)));
        DataSet data = new DataSet(Nd4j.create(new double[][]{{1, 2, 3, 4}, {-1, 0, 2, 1}}),
                Nd4j.create(new double[][]{{1, 0, 0}, {0, 0, 1}}));
        INDArray out = net.output(data.getFeatures());
        double wrong = 0;
        for (int i = 0; i < 2; i++) {
            wrong += out.getRow(i).argMax().getInt(0) == data.getLabels().getRow(i).argMax().getInt(0) ? 0 : 1;
        }
        assertThat(net.score(data)).isEqualTo(wrong / 2);
        assertThatThrownBy(() -> net.fit(data)).isInstanceOf(NotDifferentiableException.class)
                .hasMessageContaining("zero_one has no gradient to train with");
    }
}
