package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Tribuo-style command line picks our loss and optimiser by spec. */
class UnigradOptionsTest {

    private static UnigradOptions parse(String... args) {
        UnigradOptions o = new UnigradOptions();
        new ConfigurationManager(args, o, false);
        return o;
    }

    @Test
    void theCommandLineNamesTheLossAndOptimiserBySpec() {
        UnigradOptions o = parse("--unigrad-objective", "l2(weights=[0.5])", "--unigrad-optimiser", "adam(lr=0.02)",
                "--unigrad-epochs", "2", "--unigrad-seed", "7");
        assertThat(o.regressionObjective().lossSpec()).isEqualTo("l2(weights=[0.5])");
        assertThat(o.optimiser().optimiser().spec().toString()).startsWith("adam(lr=0.02");
        Trainer<Regressor> trainer = o.regressionTrainer();
        assertThat(trainer).isInstanceOf(LinearSGDTrainer.class);
        assertThat(trainer.getProvenance().toString()).contains("l2(weights=[0.5])").contains("adam(lr=0.02");
        Model<Regressor> model = trainer.train(TestData.diabetes());
        Model<Regressor> same = new LinearSGDTrainer(new UnigradRegressionObjective("l2(weights=[0.5])"),
                new UnigradOptimiser("adam(lr=0.02)"), 2, -1, 1, 7L).train(TestData.diabetes());
        assertThat(ModelComparison.relativeParameterError(model, same)).isZero();
    }

    @Test
    void factorsSelectAFactorizationMachine() {
        UnigradOptions o = parse("--unigrad-objective", "mse", "--unigrad-fm-factors", "4");
        assertThat(o.regressionTrainer()).isInstanceOf(FMRegressionTrainer.class);
    }

    @Test
    void eachOutputTypeHasItsDefaultLoss() {
        UnigradOptions o = parse();
        assertThat(o.regressionObjective().lossSpec()).startsWith(UnigradOptions.DEFAULT_REGRESSION_LOSS);
        assertThat(o.labelObjective().lossSpec()).startsWith(UnigradOptions.DEFAULT_LABEL_LOSS);
        assertThat(o.multiLabelObjective().lossSpec()).startsWith(UnigradOptions.DEFAULT_MULTI_LABEL_LOSS);
    }

    @Test
    void aBadSpecOnTheCommandLineIsReportedClearly() {
        UnigradOptions o = parse("--unigrad-optimiser", "adamw(lr=");
        assertThatThrownBy(o::optimiser).isInstanceOf(PropertyException.class).hasMessageContaining("adamw(lr=");
        UnigradOptions l = parse("--unigrad-objective", "mse");
        assertThatThrownBy(l::labelTrainer).isInstanceOf(PropertyException.class).hasMessageContaining("cannot train labels");
    }
}
