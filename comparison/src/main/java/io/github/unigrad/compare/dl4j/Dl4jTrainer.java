package io.github.unigrad.compare.dl4j;

import io.github.unigrad.compare.Metrics;
import io.github.unigrad.compare.RunResult;
import io.github.unigrad.compare.RunSettings;
import io.github.unigrad.compare.TrainingLog;
import io.github.unigrad.compare.data.Datasets;
import io.github.unigrad.compare.data.Split;
import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Trains a DL4J {@link MultiLayerNetwork} in double precision on a {@link Split}: the same
 * initialisation (seeded Xavier), the same minibatches in the same seeded order for every setup, the
 * network's own score on the whole training set after each epoch, and the test metric at the end.
 */
public final class Dl4jTrainer {
    static {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private Dl4jTrainer() {
    }

    /** Builds the network {@code setup} describes for {@code data}, initialised from {@code seed}. */
    public static MultiLayerNetwork network(Dl4jSetup setup, Table data, long seed) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER);
        NeuralNetConfiguration.ListBuilder list = setup.optimiser().onBuilder(b).list();
        int in = data.features();
        for (int width : setup.hidden()) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(Activation.TANH).build());
            in = width;
        }
        list.layer(new OutputLayer.Builder().lossFunction(setup.loss()).activation(setup.outputActivation())
                .nIn(in).nOut(setup.targets().columns(data)).build());
        MultiLayerConfiguration conf = setup.optimiser().onConfiguration(list.validateOutputLayerConfig(false).build());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Trains and scores one setup; never throws for a diverging run (it is flagged instead). */
    public static RunResult run(Split data, Dl4jSetup setup, RunSettings settings, IntConsumer onEpoch) {
        Table train = data.train();
        MultiLayerNetwork net = network(setup, train, settings.seed());
        DataSet all = new DataSet(Nd4j.create(train.x()), Nd4j.create(setup.targets().encode(train)));
        SplittableRandom order = new SplittableRandom(settings.seed());
        TrainingLog log = new TrainingLog(settings.epochs(), onEpoch);
        for (int e = 0; e < settings.epochs(); e++) {
            int[] perm = Datasets.permutation(train.rows(), order);
            long start = System.nanoTime();
            for (int from = 0; from < perm.length; from += settings.dl4jBatch()) {
                int[] idx = java.util.Arrays.copyOfRange(perm, from, Math.min(perm.length, from + settings.dl4jBatch()));
                net.fit(all.get(idx));
            }
            net.incrementEpochCount();
            long nanos = System.nanoTime() - start;
            if (!log.epochEnded(net.score(all, false), nanos)) {
                break;
            }
        }
        double[] params = net.params().toDoubleVector();
        if (log.divergedAt() > 0) {
            return log.result(null, params);
        }
        return log.result(evaluate(net, setup.targets(), data.test()), params);
    }

    /** The test metric of {@code net}, its outputs read as {@code targets} says. */
    public static Metrics evaluate(MultiLayerNetwork net, Targets targets, Table test) {
        INDArray out = net.output(Nd4j.create(test.x()), false);
        double[][] rows = out.toDoubleMatrix();
        if (test.task() == Task.REGRESSION) {
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = rows[i][0];
            }
            return Metrics.regression(test, values);
        }
        int[] predicted = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            predicted[i] = targets.predictClass(rows[i]);
        }
        return Metrics.classification(test, predicted);
    }
}
