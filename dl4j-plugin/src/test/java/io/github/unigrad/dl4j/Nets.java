package io.github.unigrad.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.Random;
import java.util.function.UnaryOperator;

/** Tiny networks and data for the training tests. */
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
