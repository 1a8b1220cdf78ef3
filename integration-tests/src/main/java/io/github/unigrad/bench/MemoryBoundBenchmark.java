package io.github.unigrad.bench;

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

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Checks the floor {@link Dl4jUpdaterBenchmark} compares against: what this machine's memory moves, on both cores
 * as the updaters use them, in STREAM's kernels (McCalpin) over float arrays next to the updaters' bound passes:
 * <ul>
 *   <li>{@code copy}: {@code c[j] = a[j]}, 8 bytes per element (one read, one write);</li>
 *   <li>{@code triad}: {@code a[j] = b[j] + s·c[j]}, 12 bytes;</li>
 *   <li>{@code bound16}: two arrays read and written in place (Nesterov's and AdaGrad's gradient and state), 16 bytes;</li>
 *   <li>{@code bound24}: three arrays read and written in place (Adam's gradient, m and v), 24 bytes;</li>
 * </ul>
 * at 1M elements per array (4 MB; three arrays fit this machine's 32 MB L3: a cache figure) and 10M (40 MB per array:
 * memory). {@link #main} prints each op's bytes per call and GB/s (bytes counted as STREAM counts them: no
 * write-allocate traffic).
 *
 * <p>Run: {@code java -cp <classpath> io.github.unigrad.bench.MemoryBoundBenchmark [JMH options]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class MemoryBoundBenchmark {
    private static final int THREADS = Dl4jUpdaterBenchmark.THREADS;
    private static final Map<String, Integer> BYTES = Map.of("copy", 8, "triad", 12, "bound16", 16, "bound24", 24);

    @Param({"copy", "triad", "bound16", "bound24"})
    public String op;

    @Param({"1000000", "10000000"})
    public int floats;

    /** Not constants, so the JIT cannot fold the arithmetic away. */
    public float one = 1f;
    public float zero = 0f;
    public float s = 3f;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setUp() {
        a = new float[floats];
        b = new float[floats];
        c = new float[floats];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 2f);
        Arrays.fill(c, 0.5f);
    }

    @Benchmark
    public Object pass() {
        IntStream.range(0, THREADS).parallel().forEach(this::piece);
        return a;
    }

    private void piece(int t) {
        int from = (int) ((long) floats * t / THREADS);
        int to = (int) ((long) floats * (t + 1) / THREADS);
        float[] x = a, y = b, z = c;
        float c1 = one, c0 = zero, k = s;
        switch (op) {
            case "copy" -> System.arraycopy(x, from, z, from, to - from);
            case "triad" -> {
                for (int j = from; j < to; j++) {
                    x[j] = y[j] + k * z[j];
                }
            }
            case "bound16" -> {
                for (int j = from; j < to; j++) {
                    float g = x[j];
                    y[j] = y[j] * c1 + g * c0;
                    x[j] = g * c1;
                }
            }
            default -> {
                for (int j = from; j < to; j++) {
                    float g = x[j];
                    y[j] = y[j] * c1 + g * c0;
                    z[j] = z[j] * c1 + g * c0;
                    x[j] = g * c1;
                }
            }
        }
    }

    /** Runs the benchmark and prints bytes per call and GB/s per op and size. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include(MemoryBoundBenchmark.class.getName());
        }
        Map<String, String> rows = new TreeMap<>();
        for (RunResult r : new Runner(builder.build()).run()) {
            String op = r.getParams().getParam("op");
            int n = Integer.parseInt(r.getParams().getParam("floats"));
            double us = r.getPrimaryResult().getScore();
            long bytes = (long) BYTES.get(op) * n;
            rows.put(String.format("%09d %s", n, op), String.format("| %s | %,d | %.1f MB | %.1f µs | %.1f GB/s |", op, n,
                    bytes / 1e6, us, bytes / (us * 1e3)));
        }
        System.out.println();
        System.out.println("| op | floats per array | bytes per call | time | bandwidth |");
        System.out.println("|---|---|---|---|---|");
        rows.values().forEach(System.out::println);
    }
}
