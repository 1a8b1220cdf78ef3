package io.github.unigrad.bench;

import io.github.unigrad.dl4j.UnigradUpdater;
import io.github.unigrad.optim.VectorRoute;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
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

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * One updater step ({@code GradientUpdater.applyUpdater}) over a flat float block of {@code params}
 * parameters, with its state in a DL4J state view: ours against DL4J's fused native op, for the
 * same rule with DL4J's conventions.
 *
 * <p>{@code impl=bound} is the floor no implementation of the rule can beat on this machine: one
 * in-place pass over heap float arrays that reads and writes exactly the arrays the rule must
 * (the gradient and each state slab: 16 bytes per parameter for Nesterov and AdaGrad, 24 for Adam)
 * with the cheapest arithmetic, on as many threads as the updaters use. Its ratio to the built-in is
 * the best ratio any updater can reach ({@link MemoryBoundBenchmark} checks it against STREAM's copy and triad).
 *
 * <p>Ours twice: {@code unigrad} steps ND4J's memory in place with the Vector API ({@code VectorRoute}; the fork
 * starts with {@code --add-modules jdk.incubator.vector}), {@code unigrad-copy} with that route turned off
 * ({@code -Dunigrad.vector=false}), copying each block to the heap and back, what users without the flag get.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Dl4jUpdaterBenchmark {
    @Param({"adam", "nesterov", "adagrad"})
    public String rule;

    @Param({"1000000", "10000000"})
    public int params;

    @Param({"dl4j", "unigrad", "unigrad-copy", "bound"})
    public String impl;

    /** For {@code impl=bound}: the gradient and the state slabs, on the heap. */
    private float[][] arrays;

    private GradientUpdater<?> updater;
    private INDArray gradient;
    /** The gradient every step starts from (the step overwrites {@link #gradient} with its update). */
    private INDArray source;
    private int iteration;

    @Setup(Level.Trial)
    public void setUp() {
        if (impl.equals("bound")) {
            arrays = new float[rule.equals("adam") ? 3 : 2][params];
            for (float[] a : arrays) {
                Arrays.fill(a, 0.01f);
            }
            return;
        }
        Dl4jBenchmarks.quietNd4j();
        if (impl.equals("unigrad-copy")) {
            System.setProperty(VectorRoute.PROPERTY, "false");
        }
        IUpdater config = impl.startsWith("unigrad") ? new UnigradUpdater(ours(rule)) : builtin(rule);
        INDArray view = Nd4j.zeros(DataType.FLOAT, 1, config.stateSize(params));
        updater = config.instantiate(view, true);
        Nd4j.getRandom().setSeed(1);
        gradient = Nd4j.randn(DataType.FLOAT, 1, params).muli(0.01);
        source = gradient.dup();
    }

    /**
     * Restores the gradient before every step, outside the timed call. Feeding each step's update back as the next
     * gradient (as this benchmark once did) drove AdaGrad's values into subnormal floats within a few hundred steps
     * (all 100 000 of a test array by step 3000, largest 1.4e-45), where every implementation's arithmetic runs
     * through the CPU's slow subnormal path; Adam's and Nesterov's stayed near 1e-3. One call is 0.1–70 ms, so the
     * per-invocation setup's own cost is negligible.
     */
    @Setup(Level.Invocation)
    public void restoreGradient() {
        if (source != null) {
            gradient.assign(source);
        }
    }

    private static String ours(String rule) {
        return switch (rule) {
            case "adam" -> "adam(lr=0.001, epsilonHat=true)";
            case "nesterov" -> "nesterov(lr=0.1, momentum=0.9, lrInVelocity=true)";
            default -> "adagrad(lr=0.1, eps=1e-06, initialAccumulator=1e-06)";
        };
    }

    private static IUpdater builtin(String rule) {
        return switch (rule) {
            case "adam" -> new Adam(0.001);
            case "nesterov" -> new Nesterovs(0.1, 0.9);
            default -> new AdaGrad(0.1, 1e-6);
        };
    }

    @Benchmark
    public Object step() {
        if (arrays != null) {
            IntStream.range(0, THREADS).parallel().forEach(this::boundPiece);
            return arrays;
        }
        updater.applyUpdater(gradient, iteration++, 0);
        return gradient;
    }

    static final int THREADS = ForkJoinPool.getCommonPoolParallelism() + 1;

    /** Not constants, so the JIT cannot drop the bound's stores of unchanged values. */
    public float one = 1f;
    public float zero = 0f;

    /** Piece {@code t} of the bound's pass: every array read and written once, in place (the values stay as they are). */
    private void boundPiece(int t) {
        int from = (int) ((long) params * t / THREADS);
        int to = (int) ((long) params * (t + 1) / THREADS);
        float c1 = one;
        float c0 = zero;
        float[] g = arrays[0];
        float[] a = arrays[1];
        if (arrays.length == 2) {
            for (int j = from; j < to; j++) {
                float x = g[j];
                a[j] = a[j] * c1 + x * c0;
                g[j] = x * c1;
            }
            return;
        }
        float[] b = arrays[2];
        for (int j = from; j < to; j++) {
            float x = g[j];
            a[j] = a[j] * c1 + x * c0;
            b[j] = b[j] * c1 + x * c0;
            g[j] = x * c1;
        }
    }
}
