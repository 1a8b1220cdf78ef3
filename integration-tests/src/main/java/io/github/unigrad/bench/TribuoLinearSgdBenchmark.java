package io.github.unigrad.bench;

import io.github.unigrad.tribuo.SyntheticData;
import io.github.unigrad.tribuo.UnigradLabelObjective;
import io.github.unigrad.tribuo.UnigradOptimiser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.math.optimisers.SGD;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Training with Tribuo's {@code LinearSGDTrainer} (multinomial logistic regression, minibatch 1) on
 * <ul>
 *   <li>{@code denseTraining}: one epoch over 50 000 examples, 100 dense features, 10 classes;</li>
 *   <li>{@code sparseTraining}: three epochs over 5 000 examples, 100 000 features with 20 active per
 *       example, 10 classes;</li>
 * </ul>
 * with SGD, AdaGrad and Adam, each as
 * <ul>
 *   <li>{@code tribuo}: Tribuo's objective ({@code LogMulticlass}) and Tribuo's optimiser;</li>
 *   <li>{@code unigrad_optimiser}: Tribuo's objective and our optimiser adapter (isolates the optimiser);</li>
 *   <li>{@code unigrad}: our objective ({@code softmax_cross_entropy}) and our optimiser (what a user of the plugin runs).</li>
 * </ul>
 * Same hyperparameters on both sides: SGD lr 0.01; AdaGrad lr 0.1, ε 1e-6; Adam lr 1e-3, β 0.9/0.999, ε 1e-8
 * (Tribuo 4.3.2's Adam computes a wrong update but does the same amount of work as a correct one:
 * it decays both moments of every parameter at every step, while ours, on a sparse gradient, touches
 * only the active entries).
 *
 * <p>Single-shot timing of whole {@code train} calls. Three sparse epochs rather than one because a
 * call first converts the dataset and builds the feature map (for the sparse set, about as long as an
 * epoch of SGD), which is the same for every optimiser. {@link #main} runs it in rounds, with Tribuo's
 * logging silenced, and prints for each rule the minimum and median times and the ratios ours /
 * built-in (the minimum is the most robust statistic on a CPU shared with other work). The optimiser's
 * own share of these times is small; {@link TribuoOptimiserStepBenchmark} times the step alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class TribuoLinearSgdBenchmark {

    @Param({"sgd", "adagrad", "adam"})
    public String rule;

    @Param({"tribuo", "unigrad_optimiser", "unigrad"})
    public String impl;

    private Dataset<Label> dense;
    private Dataset<Label> sparse;

    @Setup
    public void setUp() {
        TRIBUO_LOG.setLevel(Level.WARNING);
        dense = SyntheticData.classification(1L, 50_000, 100, 100, 10);
        sparse = SyntheticData.classification(2L, 5_000, 100_000, 20, 10);
    }

    private static final int DENSE_EPOCHS = 1;
    private static final int SPARSE_EPOCHS = 3;
    /** Kept so that the level set in {@link #setUp} is not lost when the logger is collected. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    @Benchmark
    public Model<Label> denseTraining() {
        return trainer(DENSE_EPOCHS).train(dense);
    }

    @Benchmark
    public Model<Label> sparseTraining() {
        return trainer(SPARSE_EPOCHS).train(sparse);
    }

    private LinearSGDTrainer trainer(int epochs) {
        LabelObjective objective = impl.equals("unigrad") ? new UnigradLabelObjective("softmax_cross_entropy") : new LogMulticlass();
        StochasticGradientOptimiser optimiser = impl.equals("tribuo") ? builtin(rule) : new UnigradOptimiser(spec(rule));
        return new LinearSGDTrainer(objective, optimiser, epochs, -1, 1, 42L);
    }

    static StochasticGradientOptimiser builtin(String rule) {
        return switch (rule) {
            case "sgd" -> SGD.getSimpleSGD(0.01);
            case "adagrad" -> new AdaGrad(0.1, 1e-6);
            case "adam" -> new Adam(1e-3, 0.9, 0.999, 1e-8);
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        };
    }

    static String spec(String rule) {
        return switch (rule) {
            case "sgd" -> "sgd(lr=0.01)";
            case "adagrad" -> "adagrad(lr=0.1, eps=1e-6)";
            case "adam" -> "adam(lr=1e-3, b1=0.9, b2=0.999, eps=1e-8)";
            default -> throw new IllegalArgumentException("unknown rule " + rule);
        };
    }

    /**
     * Runs the benchmark in rounds (the machine's CPU is shared: a burst of other work then falls on
     * every implementation alike rather than on whichever ran at that moment) and prints, for each data
     * set and rule, the minimum and median over every round's single-shot times of each implementation,
     * and the ratios to the built-in. Arguments override the settings: {@code warmups measurements
     * [rounds] [method]}, where method ({@code denseTraining} or {@code sparseTraining}) restricts the
     * run to one data set.
     */
    public static void main(String[] args) throws RunnerException {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int measurements = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 && args[2].matches("\\d+") ? Integer.parseInt(args[2]) : 3;
        String method = args.length > 2 && !args[2].matches("\\d+") ? args[2] : args.length > 3 ? args[3] : null;
        Map<String, List<Double>> ms = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(TribuoLinearSgdBenchmark.class.getName() + (method != null ? "." + method : ""))
                    .warmupIterations(warmups)
                    .measurementIterations(measurements)
                    .forks(1)
                    .build()).run();
            for (RunResult r : results) {
                String key = r.getParams().getBenchmark().replaceAll(".*\\.", "") + "/" + r.getParams().getParam("rule")
                        + "/" + r.getParams().getParam("impl");
                for (BenchmarkResult b : r.getBenchmarkResults()) {
                    for (IterationResult i : b.getIterationResults()) {
                        ms.computeIfAbsent(key, k -> new ArrayList<>()).add(i.getPrimaryResult().getScore());
                    }
                }
            }
        }
        System.out.println();
        System.out.println("ms per train call, min / median over " + rounds + " rounds of " + measurements
                + "; ratios = ours / Tribuo (min, median)");
        System.out.printf("%-15s %-8s %18s %18s %18s %16s %16s%n", "data", "rule", "tribuo", "unigrad_optimiser",
                "unigrad", "optimiser ratio", "all-ours ratio");
        for (String data : new String[]{"denseTraining", "sparseTraining"}) {
            for (String rule : new String[]{"sgd", "adagrad", "adam"}) {
                String k = data + "/" + rule + "/";
                double[] t = minAndMedian(ms.get(k + "tribuo"));
                double[] o = minAndMedian(ms.get(k + "unigrad_optimiser"));
                double[] u = minAndMedian(ms.get(k + "unigrad"));
                if (t != null && o != null && u != null) {
                    System.out.printf("%-15s %-8s %8.0f / %7.0f %8.0f / %7.0f %8.0f / %7.0f %7.3f / %6.3f %7.3f / %6.3f%n",
                            data, rule, t[0], t[1], o[0], o[1], u[0], u[1], o[0] / t[0], o[1] / t[1], u[0] / t[0], u[1] / t[1]);
                }
            }
        }
    }

    /** The minimum and the median of the times, or null when there are none. */
    private static double[] minAndMedian(List<Double> times) {
        if (times == null) {
            return null;
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = sorted.length / 2;
        return new double[]{sorted[0], sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2};
    }
}
