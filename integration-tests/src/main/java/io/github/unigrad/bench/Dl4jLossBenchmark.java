package io.github.unigrad.bench;

import io.github.unigrad.dl4j.UnigradLoss;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
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

import java.util.concurrent.TimeUnit;

/**
 * {@code computeGradientAndScore} of our loss against DL4J's built-in twin, on float arrays as a DL4J
 * network passes them: MSE with an identity output, and softmax cross-entropy with a softmax output
 * (DL4J's {@code LossMCXENT}; ours fuses the softmax). Compare {@code impl=unigrad} with
 * {@code impl=dl4j} at the same {@code loss} and {@code shape}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Dl4jLossBenchmark {
    @Param({"mse", "softmax_cross_entropy"})
    public String loss;

    @Param({"1024x10", "4096x1000"})
    public String shape;

    @Param({"dl4j", "unigrad"})
    public String impl;

    private ILossFunction function;
    private IActivation activation;
    private INDArray labels;
    private INDArray preOutput;

    @Setup(Level.Trial)
    public void setUp() {
        String[] rc = shape.split("x");
        int rows = Integer.parseInt(rc[0]);
        int cols = Integer.parseInt(rc[1]);
        Dl4jBenchmarks.quietNd4j();
        Nd4j.getRandom().setSeed(1);
        preOutput = Nd4j.randn(DataType.FLOAT, rows, cols);
        boolean mse = loss.equals("mse");
        if (mse) {
            labels = Nd4j.randn(DataType.FLOAT, rows, cols);
        } else {
            labels = Nd4j.zeros(DataType.FLOAT, rows, cols);
            for (int i = 0; i < rows; i++) {
                labels.putScalar(i, (i * 7) % cols, 1f);
            }
        }
        activation = (mse ? Activation.IDENTITY : Activation.SOFTMAX).getActivationFunction();
        boolean ours = impl.equals("unigrad");
        function = ours ? new UnigradLoss(loss) : mse ? new LossMSE() : new LossMCXENT();
    }

    @Benchmark
    public Pair<Double, INDArray> gradientAndScore() {
        return function.computeGradientAndScore(labels, preOutput, activation, null, false);
    }
}
