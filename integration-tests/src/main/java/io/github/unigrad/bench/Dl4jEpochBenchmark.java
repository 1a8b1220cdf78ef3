package io.github.unigrad.bench;

import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.dl4j.UnigradUpdater;
import io.github.unigrad.optim.VectorRoute;
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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One training epoch of an MLP (784-512-256-10, ReLU, softmax output, minibatch 128) on synthetic
 * data: DL4J's {@code LossMCXENT} + {@code Adam} against our {@code softmax_cross_entropy} +
 * {@code adam(epsilonHat=true)}. {@code examples} sets the epoch's size (60000 as MNIST; smaller
 * for a quick run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Dl4jEpochBenchmark {
    private static final int MINIBATCH = 128;

    @Param({"60000"})
    public int examples;

    /**
     * {@code unigrad-copy}: ours with the in-place vector route off, as {@link Dl4jUpdaterBenchmark};
     * {@code noop}: DL4J's {@code NoOp} updater and loss, the epoch without any update: what the rest of the epoch
     * (forward, backward, DL4J's bookkeeping) costs, the floor of any updater's epoch.
     */
    @Param({"dl4j", "unigrad", "unigrad-copy", "noop"})
    public String impl;

    private MultiLayerNetwork net;
    private List<DataSet> batches;

    @Setup(Level.Trial)
    public void setUp() {
        Dl4jBenchmarks.quietNd4j();
        boolean ours = impl.startsWith("unigrad");
        if (impl.equals("unigrad-copy")) {
            System.setProperty(VectorRoute.PROPERTY, "false");
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(ours ? new UnigradUpdater("adam(lr=0.001, epsilonHat=true)")
                        : impl.equals("noop") ? new NoOp() : new Adam(0.001))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(512).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(256).nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(ours ? new UnigradLoss("softmax_cross_entropy") : new LossMCXENT()).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(2);
        batches = new ArrayList<>();
        for (int start = 0; start < examples; start += MINIBATCH) {
            int rows = Math.min(MINIBATCH, examples - start);
            INDArray x = Nd4j.rand(DataType.FLOAT, rows, 784);
            INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 10);
            for (int i = 0; i < rows; i++) {
                y.putScalar(i, (start + i) % 10, 1f);
            }
            batches.add(new DataSet(x, y));
        }
    }

    @Benchmark
    public MultiLayerNetwork epoch() {
        for (DataSet batch : batches) {
            net.fit(batch);
        }
        return net;
    }
}
