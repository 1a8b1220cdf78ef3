package io.github.unigrad.bench;

import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the DL4J benchmarks ({@link Dl4jLossBenchmark}, {@link Dl4jUpdaterBenchmark},
 * {@link Dl4jEpochBenchmark}) and prints, for every configuration, ours / built-in from the same run
 * with its target (loss ≤ 0.5, updater step ≤ 0.5, epoch ≤ 1.0), and for the updater steps the
 * memory-bandwidth floor of the rule ({@link Dl4jUpdaterBenchmark}'s {@code impl=bound}) and its ratio
 * to the built-in: the best ratio any updater could reach; for the epoch, the floor is the epoch with DL4J's
 * {@code NoOp} updater ({@link Dl4jEpochBenchmark}'s {@code impl=noop}), in the same column.
 *
 * <p>Run: {@code java -cp <classpath> io.github.unigrad.bench.Dl4jBenchmarks [JMH options]}, e.g.
 * {@code -wi 2 -i 3 -w 1s -r 1s -p examples=6000} for a short run (the epoch's {@code examples}
 * defaults to 60000). A JMH include pattern given on the command line narrows the set.
 */
public final class Dl4jBenchmarks {
    /** Ours / built-in targets: per rule for the updater step (issue #17), else per benchmark. */
    private static final Map<String, Double> TARGETS = Map.of(
            "Dl4jLossBenchmark", 0.5, "Dl4jEpochBenchmark", 0.5, "adam", 0.1, "adagrad", 0.1, "nesterov", 0.5);
    /** Bytes the updater bound moves per parameter: gradient and state slabs, each read and written once. */
    private static final Map<String, Integer> BOUND_BYTES = Map.of("adam", 24, "adagrad", 16, "nesterov", 16);

    private Dl4jBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include("io\\.github\\.unigrad\\.bench\\.Dl4j\\w+Benchmark\\.");
        }
        Options options = builder.build();
        Map<String, Map<String, Double>> byConfiguration = new TreeMap<>();
        for (RunResult r : new Runner(options).run()) {
            StringBuilder key = new StringBuilder(r.getParams().getBenchmark().replaceAll(".*\\.(\\w+)\\.\\w+$", "$1"));
            for (String p : r.getParams().getParamsKeys()) {
                if (!p.equals("impl")) {
                    key.append(' ').append(p).append('=').append(r.getParams().getParam(p));
                }
            }
            byConfiguration.computeIfAbsent(key.toString(), k -> new TreeMap<>())
                    .put(r.getParams().getParam("impl"), r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("| benchmark | DL4J built-in | Unigrad (in place) | Unigrad (copy route) | ours / built-in"
                + " (in place, copy) | target | memory bound (GB/s) | ours / bound (in place, copy) | bound / built-in |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        byConfiguration.forEach((configuration, scores) -> {
            Double builtin = scores.get("dl4j");
            Double ours = scores.get("unigrad");
            Double copy = scores.get("unigrad-copy");
            Double bound = scores.containsKey("noop") ? scores.get("noop") : scores.get("bound");
            String[] words = configuration.split(" ");
            String rule = configuration.replaceAll(".*rule=(\\w+).*", "$1");
            double target = TARGETS.getOrDefault(rule, TARGETS.getOrDefault(words[0], Double.NaN));
            String boundText = format(bound);
            if (bound != null && BOUND_BYTES.containsKey(rule)) {
                long params = Long.parseLong(configuration.replaceAll(".*params=(\\d+).*", "$1"));
                boundText += String.format(" (%.0f)", BOUND_BYTES.get(rule) * params / (bound * 1e3));
            }
            System.out.printf("| %s | %s | %s | %s | %s, %s | ≤ %.1f | %s | %s, %s | %s |%n", configuration,
                    format(builtin), format(ours), format(copy), ratio(ours, builtin), ratio(copy, builtin), target,
                    boundText, ratio(ours, bound), ratio(copy, bound), ratio(bound, builtin));
        });
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null ? "-" : String.format("%.2f", a / b);
    }

    /**
     * Turns off ND4J's periodic {@code System.gc()}, which
     * otherwise lands inside the timed calls of whichever side allocates INDArrays; DL4J's performance
     * guide recommends the same for training.
     */
    static void quietNd4j() {
        Nd4j.getMemoryManager().togglePeriodicGc(false);
    }

    private static String format(Double score) {
        return score == null ? "-" : String.format("%.3g", score);
    }
}
