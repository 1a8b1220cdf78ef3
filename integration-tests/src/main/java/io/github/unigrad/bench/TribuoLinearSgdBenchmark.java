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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * (Tribuo 4.3.2's Adam multiplies by {@code √v + ε} where the rule divides: a wrong update, and on
 * dense data a slightly cheaper one, a multiply where ours divides; on sparse data it decays both
 * moments of every parameter at every step, while ours touches only the active entries).
 *
 * <p>Single-shot timing of whole {@code train} calls. Three sparse epochs rather than one because a
 * call first converts the dataset and builds the feature map (for the sparse set, about as long as an
 * epoch of SGD), which is the same for every optimiser. {@link #main} runs it in rounds of forks, with
 * Tribuo's logging silenced, and prints for each rule the minimum and median times and the ratios ours /
 * built-in with an interval that accounts for the large fork-to-fork variation. The optimiser's own share
 * of these times is small; {@link TribuoOptimiserStepBenchmark} times the step alone.
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

    private static final int DENSE_EPOCHS = 1;
    private static final int SPARSE_EPOCHS = 3;
    /** Kept so that the level set in {@link #silenceTribuo} is not lost when the logger is collected. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    /** The dense data set, built only in the forks that train on it. */
    @State(Scope.Benchmark)
    public static class DenseData {
        Dataset<Label> data;

        @Setup
        public void build() {
            data = SyntheticData.classification(1L, 50_000, 100, 100, 10);
        }
    }

    /** The sparse data set, built only in the forks that train on it. */
    @State(Scope.Benchmark)
    public static class SparseData {
        Dataset<Label> data;

        @Setup
        public void build() {
            data = SyntheticData.classification(2L, 5_000, 100_000, 20, 10);
        }
    }

    @Setup
    public void silenceTribuo() {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    @Benchmark
    public Model<Label> denseTraining(DenseData d) {
        return trainer(DENSE_EPOCHS).train(d.data);
    }

    @Benchmark
    public Model<Label> sparseTraining(SparseData d) {
        return trainer(SPARSE_EPOCHS).train(d.data);
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
     * Runs the benchmark in rounds, one fork per implementation and rule in each (the machine's CPU is
     * shared: a burst of other work then falls on every implementation alike rather than on whichever
     * ran at that moment), and prints, for each data set and rule, the minimum and median over every
     * round's single-shot times of each implementation, and the ratios to the built-in, with a 95%
     * interval for the ratio of the medians.
     *
     * <p>Why an interval, and why over forks: one {@code train} call varies by 10–20% (garbage
     * collection, the dataset conversion each call makes), and the same training varies by up to 1.6×
     * from fork to fork, because C2 compiles Tribuo's own loops ({@code DenseMatrix.leftMultiply}, the
     * feature lookups) differently from one JVM to the next; the optimiser's share of a training step is
     * a few percent. So the interval comes from a bootstrap that resamples whole forks (2 000 resamples,
     * percentile method): it says what the run can and cannot tell apart.
     *
     * <p>Arguments override the settings (5 warm-up and 15 measured calls per fork, 3 rounds):
     * {@code warmups measurements [rounds] [method] [rules]}, where method ({@code denseTraining} or
     * {@code sparseTraining}) restricts the run to one data set and rules (e.g. {@code sgd,adagrad}) to
     * those rules.
     */
    public static void main(String[] args) throws RunnerException {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int measurements = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int rounds = 3;
        String method = null;
        String[] rules = {"sgd", "adagrad", "adam"};
        for (int a = 2; a < args.length; a++) {
            if (args[a].matches("\\d+")) {
                rounds = Integer.parseInt(args[a]);
            } else if (args[a].endsWith("Training")) {
                method = args[a];
            } else {
                rules = args[a].split(",");
            }
        }
        Map<String, List<double[]>> forks = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include(TribuoLinearSgdBenchmark.class.getName() + (method != null ? "." + method : ""))
                    .param("rule", rules)
                    .warmupIterations(warmups)
                    .measurementIterations(measurements)
                    .forks(1)
                    .build()).run();
            for (RunResult r : results) {
                String key = r.getParams().getBenchmark().replaceAll(".*\\.", "") + "/" + r.getParams().getParam("rule")
                        + "/" + r.getParams().getParam("impl");
                for (BenchmarkResult b : r.getBenchmarkResults()) {
                    forks.computeIfAbsent(key, k -> new ArrayList<>()).add(b.getIterationResults().stream()
                            .mapToDouble(i -> i.getPrimaryResult().getScore()).toArray());
                }
            }
        }
        System.out.println();
        System.out.println("ms per train call, min / median over " + rounds + " forks of " + measurements
                + "; ratios = ours / Tribuo: of the minima, of the medians, and the 95% interval of the latter"
                + " (bootstrap over forks)");
        System.out.printf("%-15s %-8s %16s %18s %16s %30s %30s%n", "data", "rule", "tribuo", "unigrad_optimiser",
                "unigrad", "optimiser ratio", "all-ours ratio");
        for (String data : new String[]{"denseTraining", "sparseTraining"}) {
            for (String rule : rules) {
                String k = data + "/" + rule + "/";
                List<double[]> t = forks.get(k + "tribuo");
                List<double[]> o = forks.get(k + "unigrad_optimiser");
                List<double[]> u = forks.get(k + "unigrad");
                if (t != null && o != null && u != null) {
                    System.out.printf("%-15s %-8s %16s %18s %16s %30s %30s%n", data, rule, minAndMedian(t),
                            minAndMedian(o), minAndMedian(u), ratios(o, t), ratios(u, t));
                }
            }
        }
    }

    /** "min / median" of the times of every fork. */
    private static String minAndMedian(List<double[]> forks) {
        double[] all = pooled(forks);
        return String.format("%6.0f / %6.0f", all[0], median(all));
    }

    /**
     * The ratios of {@code ours} to {@code builtin}: of the minima, of the medians, and a 95% interval
     * for the ratio of the medians from 2 000 bootstrap resamples of the forks of each (percentile method).
     */
    private static String ratios(List<double[]> ours, List<double[]> builtin) {
        double[] a = pooled(ours);
        double[] b = pooled(builtin);
        Random random = new Random(1);
        double[] boot = new double[2000];
        for (int i = 0; i < boot.length; i++) {
            boot[i] = median(pooled(resample(ours, random))) / median(pooled(resample(builtin, random)));
        }
        Arrays.sort(boot);
        return String.format("%5.3f / %5.3f [%5.3f, %5.3f]", a[0] / b[0], median(a) / median(b),
                boot[(int) (0.025 * boot.length)], boot[(int) (0.975 * boot.length) - 1]);
    }

    /** As many forks as given, drawn with replacement. */
    private static List<double[]> resample(List<double[]> forks, Random random) {
        List<double[]> r = new ArrayList<>(forks.size());
        for (int i = 0; i < forks.size(); i++) {
            r.add(forks.get(random.nextInt(forks.size())));
        }
        return r;
    }

    /** Every fork's times, sorted. */
    private static double[] pooled(List<double[]> forks) {
        return forks.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
