package io.github.unigrad.bench;

import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The float step of the rules DL4J's float networks use beyond Adam, momentum, AdaGrad and RMSProp
 * ({@link OptimiserStepBenchmark} covers those), against their double step in the same run: one dense
 * step over 1M parameters, heap arrays, one piece. A float step moves half the bytes of a double one,
 * so with a float kernel it should take at most the double step's time; through the widening route
 * (floats converted to double block by block and back, which JDK 17's C2 does not vectorise) it took
 * about three times as long. {@link #main} prints float / double per rule.
 *
 * <p>Each step first copies its gradient in from one of two fixed arrays, alternately (a gradient that
 * keeps changing: with a fixed one, AdaBelief's {@code (g - m)²} decays into denormal numbers, whose
 * arithmetic is a hundred times slower, and the benchmark would time that); {@code doubleRefill} and
 * {@code floatRefill} time the copy alone, and {@link #main} subtracts it.
 *
 * <p>Run: {@code java -cp <classpath> io.github.unigrad.bench.FloatStepBenchmark [JMH options]},
 * e.g. {@code -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FloatStepBenchmark {
    static final int N = 1_000_000;

    @Param({"adamax", "nadam", "radam", "adabelief", "adadelta", "lion"})
    public String rule;

    private Optimiser optimiser;
    private final double[][] gradients = new double[2][N];
    private final float[][] floatGradients = new float[2][N];
    private final double[] u = new double[N];
    private final float[] f = new float[N];
    private double[][] state;
    private float[][] floatState;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        optimiser = Optimisers.parse(rule);
        for (int j = 0; j < N; j++) {
            gradients[0][j] = Math.sin(j * 0.001) + 0.5;
            gradients[1][j] = Math.cos(j * 0.003) - 0.2;
            floatGradients[0][j] = (float) gradients[0][j];
            floatGradients[1][j] = (float) gradients[1][j];
        }
        state = new double[optimiser.slabs()][N];
        optimiser.initialise(state, 0, N);
        floatState = new float[optimiser.slabs()][N];
        optimiser.initialise(floatState, 0, N);
    }

    @Benchmark
    public double[] doubleRefill() {
        System.arraycopy(gradients[(int) (step++ & 1)], 0, u, 0, N);
        return u;
    }

    @Benchmark
    public float[] floatRefill() {
        System.arraycopy(floatGradients[(int) (step++ & 1)], 0, f, 0, N);
        return f;
    }

    @Benchmark
    public double[] doubleStep() {
        doubleRefill();
        optimiser.dense(optimiser.begin(step, null), u, null, 0, state, N);
        return u;
    }

    @Benchmark
    public float[] floatStep() {
        floatRefill();
        optimiser.dense(optimiser.begin(step, null), f, null, 0, floatState, N);
        return f;
    }

    /**
     * Runs the benchmarks (JMH options override the defaults) and prints, per rule, the double and float
     * steps' times with the refill subtracted, and float / double.
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        if (given.getIncludes().isEmpty()) {
            builder.include(FloatStepBenchmark.class.getName());
        }
        Map<String, Double> us = new TreeMap<>();
        for (RunResult r : new Runner(builder.parent(given).build()).run()) {
            us.put(r.getParams().getBenchmark().replaceAll(".*\\.", "") + "/" + r.getParams().getParam("rule"),
                    r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.printf("%-10s %12s %12s %14s   (1M parameters, µs per step, refill subtracted)%n", "rule", "double",
                "float", "float / double");
        for (String rule : new String[]{"adamax", "nadam", "radam", "adabelief", "adadelta", "lion"}) {
            Double d = us.get("doubleStep/" + rule);
            Double f = us.get("floatStep/" + rule);
            Double dr = us.get("doubleRefill/" + rule);
            Double fr = us.get("floatRefill/" + rule);
            if (d != null && f != null && dr != null && fr != null) {
                System.out.printf("%-10s %12.0f %12.0f %14.2f%n", rule, d - dr, f - fr, (f - fr) / (d - dr));
            }
        }
    }
}
