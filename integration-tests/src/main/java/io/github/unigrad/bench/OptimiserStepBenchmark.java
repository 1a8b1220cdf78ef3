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
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One optimiser step (dense, double[] heap arrays, one piece) of Adam, SGD with momentum and
 * AdaGrad, against a plain {@code System.arraycopy} of the same length in the same run.
 *
 * <p>The float benchmarks run the same optimisers through their float path (float update, float
 * state: half the bytes), against a float copy.
 *
 * <p>The memory-bandwidth bound of a step is the bytes its rule must move per parameter: Adam reads
 * and writes u, m, v (48 B), SGD with momentum u, b (32 B), AdaGrad u, G (32 B); the copy reads one
 * array and writes another (16 B counted; the hardware also reads the destination lines, which an
 * in-place update does not need), so a second reference reads and writes one array in place (16 B).
 * {@link #main} runs the benchmarks and prints, per size, each rule's achieved bandwidth (its bytes /
 * its time) as a fraction of the copy's and of the in-place pass's.
 *
 * <p>Each step feeds its own output back as the next gradient, with hyperparameters under which
 * that loop stays at magnitude ~1 (no denormals, no overflow): Adam at lr 1, momentum 0.9 with lr 0.1
 * (the buffer is then a fixed point), AdaGrad with a large initial accumulator and lr its square root.
 * The arithmetic per element is the general one in every case.
 *
 * <p>Run: {@code java -cp <classpath> io.github.unigrad.bench.OptimiserStepBenchmark [JMH options]},
 * e.g. {@code -wi 2 -i 3 -w 1s -r 1s -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimiserStepBenchmark {
    /** Bytes each benchmark must read and write per parameter. */
    static final Map<String, Integer> BYTES = Map.ofEntries(Map.entry("copy", 16), Map.entry("scaleInPlace", 16),
            Map.entry("adam", 48), Map.entry("sgdMomentum", 32), Map.entry("adagrad", 32), Map.entry("floatCopy", 8),
            Map.entry("floatAdam", 24), Map.entry("floatSgdMomentum", 16), Map.entry("floatAdagrad", 16));

    @Param({"1000000", "10000000"})
    public int n;

    private double[] u;
    private double[] copyTarget;
    private Optimiser adam;
    private Optimiser momentum;
    private Optimiser adagrad;
    private double[][] adamState;
    private double[][] momentumState;
    private double[][] adagradState;
    private float[] f;
    private float[] floatCopyTarget;
    private float[][] floatAdamState;
    private float[][] floatMomentumState;
    private float[][] floatAdagradState;
    private long step;
    /** Not a constant, so the JIT cannot fold {@code u *= one} away. */
    public double one = 1.0;

    @Setup(Level.Trial)
    public void setUp() {
        u = new double[n];
        for (int j = 0; j < n; j++) {
            u[j] = Math.sin(j * 0.001) + 0.5;
        }
        copyTarget = new double[n];
        adam = Optimisers.parse("adam(lr=1)");
        momentum = Optimisers.parse("sgd(lr=0.1, momentum=0.9)");
        adagrad = Optimisers.parse("adagrad(lr=1e6, initialAccumulator=1e12)");
        adamState = state(adam);
        momentumState = state(momentum);
        adagradState = state(adagrad);
        f = new float[n];
        for (int j = 0; j < n; j++) {
            f[j] = (float) u[j];
        }
        floatCopyTarget = new float[n];
        floatAdamState = floatState(adam);
        floatMomentumState = floatState(momentum);
        floatAdagradState = floatState(adagrad);
    }

    private float[][] floatState(Optimiser o) {
        float[][] s = new float[o.slabs()][n];
        o.initialise(s, 0, n);
        return s;
    }

    private void step(Optimiser o, float[][] state) {
        o.dense(o.begin(step++, null), f, null, 0, state, n);
    }

    @Benchmark
    public void floatCopy() {
        System.arraycopy(f, 0, floatCopyTarget, 0, n);
    }

    @Benchmark
    public void floatAdam() {
        step(adam, floatAdamState);
    }

    @Benchmark
    public void floatSgdMomentum() {
        step(momentum, floatMomentumState);
    }

    @Benchmark
    public void floatAdagrad() {
        step(adagrad, floatAdagradState);
    }

    private double[][] state(Optimiser o) {
        double[][] s = new double[o.slabs()][n];
        o.initialise(s, 0, n);
        return s;
    }

    private void step(Optimiser o, double[][] state) {
        o.dense(o.begin(step++, null), u, null, 0, state, n);
    }

    @Benchmark
    public void copy() {
        System.arraycopy(u, 0, copyTarget, 0, n);
    }

    /** A second reference: one array read and written in place ({@code u *= c}, c = 1 read from a field), as the rules do. */
    @Benchmark
    public void scaleInPlace() {
        double[] a = u;
        double c = one;
        for (int j = 0; j < a.length; j++) {
            a[j] *= c;
        }
    }

    @Benchmark
    public void adam() {
        step(adam, adamState);
    }

    @Benchmark
    public void sgdMomentum() {
        step(momentum, momentumState);
    }

    @Benchmark
    public void adagrad() {
        step(adagrad, adagradState);
    }

    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(OptimiserStepBenchmark.class.getName() + "\\.").build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Map<String, Double>> micros = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            micros.computeIfAbsent(r.getParams().getParam("n"), k -> new TreeMap<>())
                    .put(name, r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("| n | step | time (ms) | bytes/param | achieved GB/s | % of copy (same type) | % of in-place pass |");
        System.out.println("|---|---|---|---|---|---|---|");
        micros.forEach((size, byName) -> {
            long params = Long.parseLong(size);
            double inPlaceRate = rate(params, "scaleInPlace", byName.get("scaleInPlace"));
            byName.forEach((name, us) -> {
                String copy = name.startsWith("float") ? "floatCopy" : "copy";
                double copyRate = rate(params, copy, byName.get(copy));
                System.out.printf("| %,d | %s | %.3f | %d | %.2f | %.0f%% | %.0f%% |%n", params, name, us / 1000,
                        BYTES.get(name), rate(params, name, us), 100 * rate(params, name, us) / copyRate,
                        100 * rate(params, name, us) / inPlaceRate);
            });
        });
    }

    /** GB/s moved by benchmark {@code name} taking {@code micros} µs per call. */
    private static double rate(long params, String name, double micros) {
        return params * BYTES.get(name) / (micros * 1e3);
    }
}
