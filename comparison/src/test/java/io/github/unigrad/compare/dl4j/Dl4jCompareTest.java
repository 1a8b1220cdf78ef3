package io.github.unigrad.compare.dl4j;

import io.github.unigrad.compare.ComparisonResult;
import io.github.unigrad.compare.Results;
import io.github.unigrad.compare.data.Task;
import io.github.unigrad.optim.Optimisers;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSquaredHinge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Dl4jCompare} on networks and data made here: the twins of every DL4J built-in loss and updater,
 * configured with numbers other than the defaults, reach parity with the built-ins (so the twin mapping reads
 * the built-in's own hyperparameters); user-named variants differ; results print and report.
 */
class Dl4jCompareTest {

    /** Three Gaussian classes in 3 dimensions (or, for {@code regression}, y = x·w + noise), seeded. */
    static DataSet data(int rows, boolean regression, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[rows][3];
        double[][] y = new double[rows][regression ? 1 : 3];
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            for (int j = 0; j < 3; j++) {
                x[i][j] = (j == k ? 2.0 : 0.0) + r.nextGaussian();
            }
            if (regression) {
                y[i][0] = 0.5 * x[i][0] - x[i][1] + 0.1 * r.nextGaussian();
            } else {
                y[i][k] = 1;
            }
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    static ListDataSetIterator<DataSet> iterator(DataSet d) {
        return new ListDataSetIterator<>(d.asList(), 10);
    }

    static MultiLayerConfiguration mlp(ILossFunction loss, Activation out, int outputs, IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(5).nOut(outputs).activation(out).lossFunction(loss).build())
                .build();
    }

    static Stream<Arguments> updaters() {
        return Stream.of(new Sgd(0.05), new Nesterovs(0.02, 0.8), new AdaGrad(0.05, 1e-4), new RmsProp(0.005, 0.9, 1e-6),
                new Adam(0.005, 0.8, 0.99, 1e-7), new AMSGrad(0.005, 0.85, 0.995, 1e-6), new AdaMax(0.005, 0.8, 0.99, 1e-6),
                new Nadam(0.005, 0.85, 0.99, 1e-7), new AdaDelta(0.9, 1e-5)).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("updaters")
    void everyUpdaterTwinReachesParity(IUpdater updater) {
        Results r = Dl4jCompare.of(mlp(new LossMCXENT(), Activation.SOFTMAX, 3, updater))
                .data(iterator(data(60, false, 1)), null).epochs(2).twins().run();
        ComparisonResult twins = r.variant(Dl4jCompare.TWINS);
        assertThat(twins.status()).as(r.toString()).isEqualTo("parity ok");
        assertThat(twins.comparison().note()).contains(Dl4jTwins.updater(updater).orElseThrow());
        assertThat(twins.maxParameterDifference()).isLessThanOrEqualTo(1e-12);
    }

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(new LossMCXENT(), Activation.SOFTMAX, false),
                Arguments.of(new LossKLD(), Activation.SOFTMAX, false),
                Arguments.of(new LossBinaryXENT(1e-3), Activation.SIGMOID, false),
                Arguments.of(new LossHinge(), Activation.TANH, false),
                Arguments.of(new LossSquaredHinge(), Activation.TANH, false),
                Arguments.of(new LossMSE(), Activation.IDENTITY, true),
                Arguments.of(new LossL2(), Activation.IDENTITY, true),
                Arguments.of(new LossL1(), Activation.IDENTITY, true),
                Arguments.of(new LossMAE(), Activation.IDENTITY, true));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void everyLossTwinReachesParity(ILossFunction loss, Activation activation, boolean regression) {
        DataSet d = data(60, regression, 2);
        if (loss instanceof LossHinge || loss instanceof LossSquaredHinge) {
            d.setLabels(d.getLabels().mul(2).sub(1));
        }
        Results r = Dl4jCompare.of(mlp(loss, activation, regression ? 1 : 3, new Sgd(0.05)))
                .data(iterator(d), null).epochs(2).task(regression ? Task.REGRESSION : Task.CLASSIFICATION).twins().run();
        ComparisonResult twins = r.variant(Dl4jCompare.TWINS);
        assertThat(twins.status()).as(r.toString()).isEqualTo("parity ok");
        assertThat(twins.comparison().note()).contains(loss.getClass().getSimpleName() + " → ");
    }

    @Test
    void aNetworkAgainstItsTwinsAndTwoCandidatesPrintsAndReports(@TempDir Path folder) throws IOException {
        Results r = Dl4jCompare.of(mlp(new LossMCXENT(), Activation.SOFTMAX, 3, new Adam(0.01)))
                .data(iterator(data(90, false, 3)), iterator(data(30, false, 4))).dataName("blobs made here").epochs(4)
                .twins().loss("softmax_focal(gamma=2)").optimiser("adamw(lr=0.01, weightDecay=0.01)").run();
        assertThat(r.results()).hasSize(3);
        ComparisonResult twins = r.variant(Dl4jCompare.TWINS);
        assertThat(twins.parityHolds()).isTrue();
        assertThat(twins.builtIn().lossPerEpoch()).hasSize(4);
        assertThat(twins.builtIn().times().millis()).hasSize(4);
        assertThat(twins.builtIn().metrics().accuracy()).isBetween(0.5, 1.0);
        ComparisonResult focal = r.variant("softmax_focal(gamma=2)");
        assertThat(focal.builtIn()).as("the network as configured is trained once and shared").isSameAs(twins.builtIn());
        assertThat(focal.maxParameterDifference()).isGreaterThan(1e-6);
        assertThat(focal.status()).isEqualTo("compared");
        assertThat(r.variant(Optimisers.parse("adamw(lr=0.01, weightDecay=0.01)").spec().toString()).ours().diverged()).isFalse();
        String text = r.toString();
        assertThat(text).contains("Unigrad twins", "parity ok", "blobs made here", "softmax_focal").doesNotContain("[D@");
        assertThat(twins.toString()).doesNotContain("[D@");
        Path index = r.writeReport(folder);
        assertThat(Files.readString(index)).contains("Unigrad twins").contains("replaced: layer 0 updater Adam");
        try (Stream<Path> plots = Files.list(folder.resolve("plots"))) {
            assertThat(plots.count()).isEqualTo(3);
        }
    }

    @Test
    void aComputationGraphRegressionReachesParityWithItsTwins() {
        ComputationGraphConfiguration g = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Nesterovs(0.01, 0.9)).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder().nIn(4).nOut(1).activation(Activation.IDENTITY)
                        .lossFunction(new LossMSE()).build(), "hidden")
                .setOutputs("out").build();
        Results r = Dl4jCompare.of(g).data(iterator(data(60, true, 5)), iterator(data(20, true, 6))).epochs(3).twins().run();
        ComparisonResult twins = r.variant(Dl4jCompare.TWINS);
        assertThat(twins.status()).as(r.toString()).isEqualTo("parity ok");
        assertThat(twins.builtIn().metrics().isClassification()).isFalse();
        assertThat(twins.comparison().note()).contains("vertex 'out' loss LossMSE → mse");
    }

    @Test
    void aFloatNetworkReachesParityToFloatPrecision() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(5).nOut(3).activation(Activation.SOFTMAX).lossFunction(new LossMCXENT()).build())
                .build();
        DataSet d = data(60, false, 8);
        d.setFeatures(d.getFeatures().castTo(DataType.FLOAT));
        d.setLabels(d.getLabels().castTo(DataType.FLOAT));
        Results r = Dl4jCompare.of(conf).data(iterator(d), null).epochs(3).twins().run();
        assertThat(r.variant(Dl4jCompare.TWINS).status()).as(r.toString()).isEqualTo("parity ok");
    }

    @Test
    void builtInsWithoutATwinAreKeptAndSaid() {
        MultiLayerConfiguration conf = mlp(new LossMCXENT(), Activation.SOFTMAX, 3, new Adam(0.01));
        conf.getConf(0).getLayer();
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(0).getLayer()).setIUpdater(new NoOp());
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(0).getLayer()).setBiasUpdater(new NoOp());
        Results r = Dl4jCompare.of(conf).data(iterator(data(30, false, 9)), null).epochs(2).twins().run();
        assertThat(r.variant(Dl4jCompare.TWINS).comparison().note()).contains("Kept (no twin): layer 0 updater NoOp");
        assertThat(r.variant(Dl4jCompare.TWINS).status()).isEqualTo("parity ok");
    }

    @Test
    void nothingToCompareOrNoDataIsRefused() {
        Dl4jCompare c = Dl4jCompare.of(mlp(new LossMCXENT(), Activation.SOFTMAX, 3, new Adam(0.01)));
        assertThatThrownBy(c::run).hasMessageContaining("data(train, test)");
        assertThatThrownBy(() -> c.data(iterator(data(30, false, 1)), null).run()).hasMessageContaining("twins()");
        assertThatThrownBy(() -> c.loss("hubber")).hasMessageContaining("hubber");
        assertThatThrownBy(() -> c.epochs(0)).hasMessageContaining("0");
    }

    @Test
    void aLossTheNetworkCannotTakeIsListedAsNotRun() {
        List<String> reasons = new ArrayList<>();
        Results r = Dl4jCompare.of(mlp(new LossMCXENT(), Activation.SOFTMAX, 3, new Adam(0.01)))
                .data(iterator(data(30, false, 1)), null).epochs(1).twins().optimiser("adamw(lr=0.01)").run();
        r.skips().forEach(s -> reasons.add(s.reason()));
        assertThat(r.results()).hasSize(2);
        assertThat(reasons).isEmpty();
    }
}
