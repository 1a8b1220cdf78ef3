package io.github.unigrad.compare;

import io.github.unigrad.compare.data.Datasets;
import io.github.unigrad.compare.data.Split;
import io.github.unigrad.compare.dl4j.Dl4jOptimiser;
import io.github.unigrad.compare.dl4j.Dl4jSetup;
import io.github.unigrad.compare.dl4j.Dl4jTrainer;
import io.github.unigrad.compare.dl4j.Targets;
import io.github.unigrad.compare.report.ResultTable;
import io.github.unigrad.compare.tribuo.ModelKind;
import io.github.unigrad.compare.tribuo.TribuoSetup;
import io.github.unigrad.compare.tribuo.TribuoTrainer;
import io.github.unigrad.dl4j.UnigradLoss;
import io.github.unigrad.tribuo.UnigradOptimiser;
import io.github.unigrad.tribuo.UnigradRegressionObjective;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A learning rate far too large blows the loss up: the run is stopped and flagged, and the report says so. */
class DivergenceFlaggedTest {
    private static final RunSettings SETTINGS = new RunSettings(20, 42, 16, 1);

    @Test
    void aDivergingDl4jRunIsStoppedAndFlagged() {
        Split data = Datasets.split("diabetes", 0.2, 42);
        Dl4jSetup setup = new Dl4jSetup(List.of(16), new UnigradLoss("mse"), Activation.IDENTITY, Targets.VALUE,
                new Dl4jOptimiser.BuiltIn(new Sgd(50)));
        RunResult r = Dl4jTrainer.run(data, setup, SETTINGS, null);
        assertThat(r.diverged()).isTrue();
        assertThat(r.lossPerEpoch()).hasSize(r.divergedAt());
        assertThat(r.divergedAt()).isLessThan(SETTINGS.epochs());
        assertThat(r.metrics()).isNull();
    }

    @Test
    void aDivergingTribuoRunIsStoppedAndFlaggedInTheTable() {
        Split data = Datasets.split("diabetes", 0.2, 42);
        TribuoSetup setup = new TribuoSetup(ModelKind.LINEAR, new UnigradRegressionObjective("mse"),
                new UnigradOptimiser("gradient_descent(lr=10)"), Meter.of("mse"));
        RunResult diverged = TribuoTrainer.run(data, setup, SETTINGS, null);
        assertThat(diverged.diverged()).isTrue();
        assertThat(diverged.divergedAt()).isLessThan(SETTINGS.epochs());

        RunResult fine = TribuoTrainer.run(data, setup.withOptimiser(new UnigradOptimiser("gradient_descent(lr=0.001)")),
                SETTINGS, null);
        Comparison c = new Comparison(Framework.TRIBUO, "linear SGD", Subject.OPTIMISER, "SGD", "gradient_descent(lr=10)",
                Relation.SAME_RULE, "diabetes", "mse", "", Double.NaN, null, null);
        List<String> row = ResultTable.rows(List.of(new ComparisonResult(c, fine, null, diverged, null))).get(0);
        assertThat(row.get(ResultTable.LOSS)).endsWith(" / diverged@" + diverged.divergedAt());
        assertThat(row.get(ResultTable.METRIC)).endsWith(" / n/a");
        assertThat(row.get(ResultTable.STATUS)).isEqualTo("DIVERGED ours@" + diverged.divergedAt());
    }
}
