package io.github.unigrad.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Tiny networks and data for the training tests, and the parity check of two twin networks. */
final class Nets {
    static final int IN = 4;
    static final int HIDDEN = 5;
    static final int OUT = 3;

    private Nets() {
    }

    /** Dense(4→5, tanh) + softmax output (3) with the given loss, configured further by {@code configure}. */
    static MultiLayerConfiguration mlp(DataType type, ILossFunction loss, UnaryOperator<NeuralNetConfiguration.Builder> configure) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(42).dataType(type)
                .weightInit(WeightInit.XAVIER);
        return configure.apply(b).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(HIDDEN).nOut(OUT).activation(Activation.SOFTMAX).lossFunction(loss).build())
                .build();
    }

    static MultiLayerConfiguration mlp(DataType type, ILossFunction loss, IUpdater updater) {
        return mlp(type, loss, b -> b.updater(updater));
    }

    static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The precisions of the parity tests: a network's data type and the relative error allowed in it. */
    enum Precision {
        DOUBLE(DataType.DOUBLE, 1e-10), FLOAT(DataType.FLOAT, 1e-5);
        final DataType type;
        final double tolerance;

        Precision(DataType type, double tolerance) {
            this.type = type;
            this.tolerance = tolerance;
        }
    }

    /** A fixed-seed builder for parity twins: {@code type} everywhere (ND4J's default too), NoOp updater, Xavier weights. */
    static NeuralNetConfiguration.Builder base(DataType type) {
        Nd4j.setDefaultDataTypes(type, type);
        return new NeuralNetConfiguration.Builder().seed(7).dataType(type).updater(new NoOp()).weightInit(WeightInit.XAVIER);
    }

    /** A new network holding {@code data}'s features, labels and label mask. */
    static MultiLayerNetwork withData(MultiLayerConfiguration conf, DataSet data) {
        MultiLayerNetwork net = init(conf);
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.setLayerMaskArrays(null, data.getLabelsMaskArray());
        return net;
    }

    /**
     * Same gradients, and our score after {@code computeGradientAndScore} equals the built-in
     * network's score of a fresh forward pass: DL4J's {@code LossLayer} scores an input that a built-in
     * loss overwrote (see {@code LayerIntegrationTest#builtInLossLayerScoresTheInputItsGradientOverwrote}).
     */
    static void assertSame(MultiLayerNetwork builtin, MultiLayerNetwork ours, DataSet data, Precision p) {
        builtin.computeGradientAndScore();
        ours.computeGradientAndScore();
        assertSameGradients(builtin.gradient(), ours.gradient(), p);
        assertThat(Arrays2.relativeError(builtin.score(data, false), ours.score())).as("score").isLessThanOrEqualTo(p.tolerance);
    }

    static void assertSameGradients(Gradient builtin, Gradient ours, Precision p) {
        assertThat(ours.gradientForVariable().keySet()).isEqualTo(builtin.gradientForVariable().keySet());
        for (String k : builtin.gradientForVariable().keySet()) {
            assertThat(Arrays2.relativeError(builtin.getGradientFor(k), ours.getGradientFor(k))).as(k).isLessThanOrEqualTo(p.tolerance);
        }
    }

    /** A classification minibatch: gaussian features, one-hot labels. */
    static DataSet batch(int seed, int rows, DataType type) {
        Random r = new Random(seed);
        return new DataSet(Arrays2.gaussian(r, rows, IN, type), Arrays2.Labels.ONE_HOT.make(r, rows, OUT).castTo(type));
    }

    /** {@code steps} fit calls on batches seeded {@code from, from+1, ...}. */
    static void fit(MultiLayerNetwork net, int from, int steps) {
        for (int s = from; s < from + steps; s++) {
            net.fit(batch(s, 6, net.params().dataType()));
        }
    }
}
