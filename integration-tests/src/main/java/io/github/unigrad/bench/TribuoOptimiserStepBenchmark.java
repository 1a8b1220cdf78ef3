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
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.Tensor;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;

/**
 * One optimiser step as {@code LinearSGDTrainer} makes it, ours against the built-in in the same
 * run: {@code optimiser.step(gradient, 1.0)} on the gradient of one example for 10 classes (the outer
 * product of the class scores and the features, as the trainer builds it), in two shapes:
 * <ul>
 *   <li>{@code denseStep}: 100 dense features and the bias, a 10 × 101 {@code DenseMatrix};</li>
 *   <li>{@code sparseStep}: 100 000 features with 20 active and the bias, a {@code DenseSparseMatrix}
 *       of 10 rows with 21 active entries each;</li>
 * </ul>
 * with the rules and hyperparameters of {@link TribuoLinearSgdBenchmark} (SGD, AdaGrad, Adam).
 *
 * <p>The step overwrites the gradient, so each call first refills it, in place, with one value
 * (Tribuo's {@code foreachInPlace}: one pass, no allocation; the rules' cost does not depend on the
 * values); {@code denseRefill} and {@code sparseRefill} time the refill alone, and {@link #main}
 * subtracts it to print, per shape and rule, ours / built-in for the step alone and for refill plus
 * step, from the minimum and from the median over the measurement iterations of three forks (the same
 * code's time moves by 10–30% from one JVM to the next, with the JIT's decisions). A much steadier
 * measure of the optimiser than whole training runs, whose time is mostly the rest of the trainer.
 *
 * <p>Run: {@code java -cp <classpath> io.github.unigrad.bench.TribuoOptimiserStepBenchmark [JMH options]},
 * e.g. {@code -wi 3 -i 10 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
public class TribuoOptimiserStepBenchmark {
    static final int CLASSES = 10;
    static final int DENSE_FEATURES = 100;
    static final int SPARSE_FEATURES = 100_000;
    static final int ACTIVE = 20;

    /** The two gradients, built once as the trainer builds them, and refilled before each step. */
    @State(Scope.Thread)
    public static class Gradients {
        private static final DoubleUnaryOperator REFILL = d -> 0.5;
        Tensor[] dense;
        Tensor[] sparse;

        @Setup
        public void setUpGradients() {
            Random random = new Random(7);
            DenseVector scores = DenseVector.createDenseVector(random.doubles(CLASSES, -1, 1).toArray());
            DenseVector denseFeatures = DenseVector.createDenseVector(random.doubles(DENSE_FEATURES + 1, -1, 1).toArray());
            int[] indices = random.ints(0, SPARSE_FEATURES).distinct().limit(ACTIVE).sorted().toArray();
            int[] withBias = Arrays.copyOf(indices, ACTIVE + 1);
            withBias[ACTIVE] = SPARSE_FEATURES;
            SparseVector sparseFeatures = SparseVector.createSparseVector(SPARSE_FEATURES + 1, withBias,
                    random.doubles(ACTIVE + 1, -1, 1).toArray());
            dense = new Tensor[]{scores.outer(denseFeatures)};
            sparse = new Tensor[]{scores.outer(sparseFeatures)};
        }

        static Tensor[] refilled(Tensor[] gradient) {
            gradient[0].foreachInPlace(REFILL);
            return gradient;
        }
    }

    /** One optimiser per shape, initialised on that shape's parameters. */
    @State(Scope.Thread)
    public static class Steps extends Gradients {
        @Param({"sgd", "adagrad", "adam"})
        public String rule;

        @Param({"tribuo", "unigrad"})
        public String impl;

        StochasticGradientOptimiser denseOptimiser;
        StochasticGradientOptimiser sparseOptimiser;

        @Setup
        public void setUpOptimisers() {
            denseOptimiser = optimiser(DENSE_FEATURES + 1);
            sparseOptimiser = optimiser(SPARSE_FEATURES + 1);
        }

        private StochasticGradientOptimiser optimiser(int features) {
            StochasticGradientOptimiser o = impl.equals("tribuo") ? TribuoLinearSgdBenchmark.builtin(rule)
                    : new UnigradOptimiser(TribuoLinearSgdBenchmark.spec(rule));
            o.initialise(new LinearParameters(features, CLASSES));
            return o;
        }
    }

    @Benchmark
    public Tensor[] denseRefill(Gradients g) {
        return Gradients.refilled(g.dense);
    }

    @Benchmark
    public Tensor[] sparseRefill(Gradients g) {
        return Gradients.refilled(g.sparse);
    }

    @Benchmark
    public Tensor[] denseStep(Steps s) {
        return s.denseOptimiser.step(Gradients.refilled(s.dense), 1.0);
    }

    @Benchmark
    public Tensor[] sparseStep(Steps s) {
        return s.sparseOptimiser.step(Gradients.refilled(s.sparse), 1.0);
    }

    /**
     * Runs the benchmarks (JMH command-line options override the defaults) and prints, per shape and
     * rule, the times and the ratios ours / built-in: of the step alone (refill time subtracted)
     * and of refill plus step, from the minimum and from the median over the iterations.
     */
    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        if (given.getIncludes().isEmpty()) {
            builder.include(TribuoOptimiserStepBenchmark.class.getName());
        }
        Options options = builder.parent(given).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> ns = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String key = method.endsWith("Refill") ? method : method + "/" + r.getParams().getParam("rule") + "/"
                    + r.getParams().getParam("impl");
            Statistics st = r.getPrimaryResult().getStatistics();
            ns.put(key, new double[]{st.getMin(), st.getPercentile(50)});
        }
        System.out.println();
        System.out.println("ns per step, min / median; ratios ours / Tribuo as min / median (step: refill subtracted)");
        System.out.printf("%-6s %-8s %17s %17s %17s %15s %15s%n", "data", "rule", "refill", "tribuo step",
                "unigrad step", "step ratio", "with refill");
        for (String shape : new String[]{"dense", "sparse"}) {
            double[] g = ns.get(shape + "Refill");
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
