package io.github.unigrad.bench;

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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.Tensor;

import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One optimiser step as {@code LinearSGDTrainer} makes it, ours against the built-in in the same
 * run: the gradient of one example for 10 classes, the outer product of the 10 class scores and the
 * features, built fresh as the trainer builds it (the step overwrites it), then
 * {@code optimiser.step(gradient, 1.0)}. Two shapes:
 * <ul>
 *   <li>{@code denseStep}: 100 dense features and the bias, a 10 × 101 {@code DenseMatrix};</li>
 *   <li>{@code sparseStep}: 100 000 features with 20 active and the bias, a {@code DenseSparseMatrix}
 *       of 10 rows with 21 active entries each;</li>
 * </ul>
 * with the rules and hyperparameters of {@link TribuoLinearSgdBenchmark} (SGD, AdaGrad, Adam).
 * {@code denseGradient} and {@code sparseGradient} build the gradient alone: {@link #main} subtracts
 * them to get the step's own time and prints, per shape and rule, ours / built-in for the step alone
 * and for gradient plus step, from the minimum and from the median over the measurement iterations.
 * A much steadier measure of the optimiser than whole training runs, whose time is mostly the rest of
 * the trainer.
 *
 * <p>Run: {@code java -cp <classpath> io.github.unigrad.bench.TribuoOptimiserStepBenchmark [JMH options]},
 * e.g. {@code -wi 3 -i 10 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
public class TribuoOptimiserStepBenchmark {
    static final int CLASSES = 10;
    static final int DENSE_FEATURES = 100;
    static final int SPARSE_FEATURES = 100_000;
    static final int ACTIVE = 20;

    /** The class scores and one example's features (the bias is the last feature), fixed. */
    @State(Scope.Thread)
    public static class Gradients {
        DenseVector scores;
        DenseVector denseFeatures;
        SparseVector sparseFeatures;

        @Setup
        public void setUpGradients() {
            Random random = new Random(7);
            scores = DenseVector.createDenseVector(random.doubles(CLASSES, -1, 1).toArray());
            denseFeatures = DenseVector.createDenseVector(random.doubles(DENSE_FEATURES + 1, -1, 1).toArray());
            int[] indices = random.ints(0, SPARSE_FEATURES).distinct().limit(ACTIVE).sorted().toArray();
            int[] withBias = java.util.Arrays.copyOf(indices, ACTIVE + 1);
            withBias[ACTIVE] = SPARSE_FEATURES;
            sparseFeatures = SparseVector.createSparseVector(SPARSE_FEATURES + 1, withBias,
                    random.doubles(ACTIVE + 1, -1, 1).toArray());
        }

        Tensor[] gradient(SGDVector features) {
            return new Tensor[]{scores.outer(features)};
        }
    }

    /** One optimiser per shape, initialised on that shape's parameters. */
    @State(Scope.Thread)
    public static class Steps extends Gradients {
        @Param({"sgd", "adagrad", "adam"})
        public String rule;

        @Param({"tribuo", "unigrad"})
        public String impl;

        StochasticGradientOptimiser dense;
        StochasticGradientOptimiser sparse;

        @Setup
        public void setUpOptimisers() {
            dense = optimiser(DENSE_FEATURES + 1);
            sparse = optimiser(SPARSE_FEATURES + 1);
        }

        private StochasticGradientOptimiser optimiser(int features) {
            StochasticGradientOptimiser o = impl.equals("tribuo") ? TribuoLinearSgdBenchmark.builtin(rule)
                    : new UnigradOptimiser(TribuoLinearSgdBenchmark.spec(rule));
            o.initialise(new LinearParameters(features, CLASSES));
            return o;
        }
    }

    @Benchmark
    public Tensor[] denseGradient(Gradients g) {
        return g.gradient(g.denseFeatures);
    }

    @Benchmark
    public Tensor[] sparseGradient(Gradients g) {
        return g.gradient(g.sparseFeatures);
    }

    @Benchmark
    public Tensor[] denseStep(Steps s) {
        return s.dense.step(s.gradient(s.denseFeatures), 1.0);
    }

    @Benchmark
    public Tensor[] sparseStep(Steps s) {
        return s.sparse.step(s.gradient(s.sparseFeatures), 1.0);
    }

    /**
     * Runs the benchmarks (JMH command-line options override the defaults) and prints, per shape and
     * rule, the times and the ratios ours / built-in: of the step alone (gradient time subtracted)
     * and of gradient plus step, from the minimum and from the median over the iterations.
     */
    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(TribuoOptimiserStepBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> ns = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String key = method.endsWith("Gradient") ? method : method + "/" + r.getParams().getParam("rule") + "/"
                    + r.getParams().getParam("impl");
            Statistics st = r.getPrimaryResult().getStatistics();
            ns.put(key, new double[]{st.getMin(), st.getPercentile(50)});
        }
        System.out.println();
        System.out.println("ns per step, min / median; ratios ours / Tribuo as min / median");
        System.out.printf("%-6s %-8s %17s %17s %17s %15s %15s%n", "data", "rule", "gradient", "tribuo step",
                "unigrad step", "step ratio", "total ratio");
        for (String shape : new String[]{"dense", "sparse"}) {
            double[] g = ns.get(shape + "Gradient");
            for (String rule : new String[]{"sgd", "adagrad", "adam"}) {
                double[] t = ns.get(shape + "Step/" + rule + "/tribuo");
                double[] u = ns.get(shape + "Step/" + rule + "/unigrad");
                if (g == null || t == null || u == null) {
                    continue;
                }
                System.out.printf("%-6s %-8s %7.0f / %7.0f %7.0f / %7.0f %7.0f / %7.0f %6.3f / %6.3f %6.3f / %6.3f%n",
                        shape, rule, g[0], g[1], t[0] - g[0], t[1] - g[1], u[0] - g[0], u[1] - g[1],
                        (u[0] - g[0]) / (t[0] - g[0]), (u[1] - g[1]) / (t[1] - g[1]), u[0] / t[0], u[1] / t[1]);
            }
        }
    }
}
