package io.github.unigrad.compare;

import io.github.unigrad.compare.data.Datasets;
import io.github.unigrad.compare.data.Task;
import io.github.unigrad.compare.dl4j.Dl4jOptimiser;
import io.github.unigrad.compare.dl4j.Dl4jSetup;
import io.github.unigrad.compare.dl4j.Dl4jTrainer;
import io.github.unigrad.compare.dl4j.Targets;
import io.github.unigrad.compare.tribuo.ModelKind;
import io.github.unigrad.compare.tribuo.TribuoSetup;
import io.github.unigrad.compare.tribuo.TribuoTrainer;
import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.tribuo.UnigradLabelObjective;
import io.github.unigrad.tribuo.UnigradOptimiser;
import io.github.unigrad.tribuo.UnigradRegressionObjective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;

import java.util.List;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models trained with Unigrad's components only (our loss, our optimiser) reach sensible quality on
 * every shipped dataset, in both frameworks: a DL4J MLP with one hidden layer of 16 tanh units, and a
 * Tribuo linear SGD model. The metric (test accuracy, or R² for regression) is the mean over three
 * stratified 80/20 splits (seeds 1 to 3): a single split of iris has only 30 test points, where one
 * point is 3.3%. The thresholds are what these small models are known to reach on these sets.
 */
class QualityTest {
    private static final long[] SEEDS = {1, 2, 3};

    @ParameterizedTest(name = "DL4J on {0}: {1} ≥ {2}")
    @CsvSource({"iris, accuracy, 0.93", "wine, accuracy, 0.93", "breast_cancer, accuracy, 0.93",
            "digits, accuracy, 0.90", "diabetes, R², 0.35"})
    void dl4jWithOurLossAndOptimiser(String dataset, String metric, double threshold) {
        boolean classes = Datasets.task(dataset) == Task.CLASSIFICATION;
        Dl4jSetup setup = new Dl4jSetup(List.of(16),
                new UnigradLoss(classes ? "softmax_cross_entropy" : "mse"),
                classes ? Activation.SOFTMAX : Activation.IDENTITY, classes ? Targets.ONE_HOT : Targets.VALUE,
                new Dl4jOptimiser.Ours("adam(lr=0.01)"));
        int epochs = dataset.equals("digits") ? 5 : 30;
        assertThat(meanMetric(dataset, seed -> Dl4jTrainer.run(Datasets.split(dataset, 0.2, seed), setup,
                new RunSettings(epochs, seed, 16, 1), null))).as(metric).isGreaterThanOrEqualTo(threshold);
    }

    @ParameterizedTest(name = "Tribuo on {0}: {1} ≥ {2}")
    @CsvSource({"iris, accuracy, 0.93", "wine, accuracy, 0.93", "breast_cancer, accuracy, 0.93",
            "digits, accuracy, 0.90", "diabetes, R², 0.35"})
    void tribuoWithOurLossAndOptimiser(String dataset, String metric, double threshold) {
        boolean classes = Datasets.task(dataset) == Task.CLASSIFICATION;
        TribuoSetup setup = new TribuoSetup(ModelKind.LINEAR,
                classes ? new UnigradLabelObjective("softmax_cross_entropy") : new UnigradRegressionObjective("mse"),
                new UnigradOptimiser("adagrad(lr=0.1, eps=0.1)"), Meter.of(classes ? "softmax_cross_entropy" : "mse"));
        assertThat(meanMetric(dataset, seed -> TribuoTrainer.run(Datasets.split(dataset, 0.2, seed), setup,
                new RunSettings(20, seed, 1, 1), null))).as(metric).isGreaterThanOrEqualTo(threshold);
    }

    /** The mean test accuracy (or R²) of the runs on the three splits; no run may diverge. */
    private static double meanMetric(String dataset, LongFunction<RunResult> run) {
        double sum = 0;
        for (long seed : SEEDS) {
            RunResult r = run.apply(seed);
            assertThat(r.diverged()).as("%s, split %d diverged", dataset, seed).isFalse();
            sum += r.metrics().isClassification() ? r.metrics().accuracy() : r.metrics().r2();
        }
        return sum / SEEDS.length;
    }
}
