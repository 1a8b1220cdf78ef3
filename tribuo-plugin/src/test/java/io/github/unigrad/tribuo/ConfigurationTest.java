package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import io.github.unigrad.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.evaluation.MultiLabelEvaluator;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every Tribuo route to our components: the shipped OLCUT XML examples load and train, a bad
 * configuration fails at load with a clear message, a model's provenance rebuilds a trainer that
 * retrains the identical model, and models survive protobuf serialisation.
 */
class ConfigurationTest {
    private static final String EXAMPLES = "/io/github/unigrad/tribuo/examples/";

    @SuppressWarnings("unchecked")
    private static <T extends Output<T>> Trainer<T> example(String file) {
        URL url = ConfigurationTest.class.getResource(EXAMPLES + file);
        assertThat(url).as("shipped example %s", file).isNotNull();
        return (Trainer<T>) new ConfigurationManager(url).lookup("trainer");
    }

    @Test
    void theLinearClassificationExampleLoadsAndTrains() {
        Dataset<Label> data = TestData.iris();
        Model<Label> model = ConfigurationTest.<Label>example("linear-sgd-classification.xml").train(data);
        assertThat(new LabelEvaluator().evaluate(model, data).accuracy()).isGreaterThan(0.9);
        assertThat(model.getProvenance().toString()).contains("UnigradLabelObjective").contains("UnigradOptimiser");
    }

    @Test
    void theFactorizationMachineClassificationExampleLoadsAndTrains() {
        Dataset<Label> data = TestData.iris();
        Model<Label> model = ConfigurationTest.<Label>example("fm-classification.xml").train(data);
        assertThat(new LabelEvaluator().evaluate(model, data).accuracy()).isGreaterThan(0.9);
    }

    @Test
    void theRegressionExamplesLoadAndTrain() {
        Dataset<Regressor> data = TestData.diabetes();
        for (String file : List.of("linear-sgd-regression.xml", "fm-regression.xml")) {
            Model<Regressor> model = ConfigurationTest.<Regressor>example(file).train(data);
            double r2 = new RegressionEvaluator().evaluate(model, data).r2(new Regressor("progression", Double.NaN));
            assertThat(r2).as("%s: training R²", file).isGreaterThan(0.4);
        }
    }

    @Test
    void theMultiLabelExamplesLoadAndTrain() {
        Dataset<MultiLabel> data = TestData.irisMultiLabel();
        for (String file : List.of("linear-sgd-multilabel.xml", "fm-multilabel.xml")) {
            Model<MultiLabel> model = ConfigurationTest.<MultiLabel>example(file).train(data);
            assertThat(new MultiLabelEvaluator().evaluate(model, data).microAveragedF1()).as("%s: micro F1", file)
                    .isGreaterThan(0.7);
        }
    }

    private static Path config(Path dir, String objectiveProperty, String optimiserSpec) throws Exception {
        Path file = dir.resolve("config.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                    <component name="trainer" type="org.tribuo.regression.sgd.linear.LinearSGDTrainer">
                        <property name="objective" value="objective"/>
                        <property name="optimiser" value="optimiser"/>
                        <property name="epochs" value="2"/>
                    </component>
                    <component name="objective" type="io.github.unigrad.tribuo.UnigradRegressionObjective">
                        %s
                    </component>
                    <component name="optimiser" type="io.github.unigrad.tribuo.UnigradOptimiser">
                        <property name="optimiser" value="%s"/>
                    </component>
                </config>
                """.formatted(objectiveProperty, optimiserSpec));
        return file;
    }

    @Test
    void anUnknownPropertyFailsAtLoad(@TempDir Path dir) throws Exception {
        Path file = config(dir, "<property name=\"los\" value=\"mse\"/>", "adam");
        assertThatThrownBy(() -> new ConfigurationManager(file.toString()).lookup("trainer"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("los");
    }

    @Test
    void aBadLossSpecFailsAtLoadNamingTheProperty(@TempDir Path dir) throws Exception {
        Path file = config(dir, "<property name=\"loss\" value=\"mse(weights=[-2])\"/>", "adam");
        assertThatThrownBy(() -> new ConfigurationManager(file.toString()).lookup("trainer"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("loss").hasMessageContaining("weights");
    }

    @Test
    void aLossThatDoesNotFitTheOutputFailsAtLoad(@TempDir Path dir) throws Exception {
        Path file = config(dir, "<property name=\"loss\" value=\"softmax_cross_entropy\"/>", "adam");
        assertThatThrownBy(() -> new ConfigurationManager(file.toString()).lookup("trainer"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("cannot train regression outputs");
    }

    @Test
    void aBadOptimiserSpecFailsAtLoad(@TempDir Path dir) throws Exception {
        Path file = config(dir, "<property name=\"loss\" value=\"mse\"/>", "adam(b1=1.5)");
        assertThatThrownBy(() -> new ConfigurationManager(file.toString()).lookup("trainer"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("optimiser").hasMessageContaining("b1");
    }

    @Test
    void aSpecNestedTooDeeplyFailsAtLoadWithTheSpecErrorInABoundedMessage(@TempDir Path dir) throws Exception {
        String optimiser = "skip_nonfinite(inner=".repeat(5000) + "adam" + ")".repeat(5000);
        Path file = config(dir, "<property name=\"loss\" value=\"mse\"/>", optimiser);
        assertThatThrownBy(() -> new ConfigurationManager(file.toString()).lookup("trainer"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("optimiser")
                .hasMessageContaining("nesting deeper than 64 levels").hasRootCauseExactlyInstanceOf(SpecException.class)
                .satisfies(t -> assertThat(t.getMessage()).hasSizeLessThan(1000));
        String loss = "multitask(losses=[".repeat(5000) + "mse" + "], columns=[1])".repeat(5000);
        Path lossFile = config(dir, "<property name=\"loss\" value=\"" + loss + "\"/>", "adam");
        assertThatThrownBy(() -> new ConfigurationManager(lossFile.toString()).lookup("trainer"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("nesting deeper than 64 levels")
                .hasRootCauseExactlyInstanceOf(SpecException.class)
                .satisfies(t -> assertThat(t.getMessage()).hasSizeLessThan(1000));
    }

    @Test
    void aMissingLossFailsAtLoad(@TempDir Path dir) throws Exception {
        Path file = config(dir, "", "adam");
        assertThatThrownBy(() -> new ConfigurationManager(file.toString()).lookup("trainer"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("loss");
    }

    @Test
    void theProvenanceRebuildsATrainerThatRetrainsTheIdenticalModel() {
        Dataset<Regressor> data = TestData.diabetes();
        Trainer<Regressor> trainer = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(
                new UnigradRegressionObjective("mse"), new UnigradOptimiser("adam(lr=0.02, b2=0.99)"), 3, 99L);
        Model<Regressor> model = trainer.train(data);

        List<ConfigurationData> configuration = ProvenanceUtil.extractConfiguration(model.getProvenance());
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(configuration);
        String name = configuration.stream()
                .filter(c -> c.getClassName().equals(org.tribuo.regression.sgd.linear.LinearSGDTrainer.class.getName()))
                .findFirst().orElseThrow().getName();
        @SuppressWarnings("unchecked")
        Trainer<Regressor> rebuilt = (Trainer<Regressor>) cm.lookup(name);
        Model<Regressor> again = rebuilt.train(data);

        assertThat(ModelComparison.relativeParameterError(model, again)).isZero();
        assertThat(again.getProvenance().getTrainerProvenance()).isEqualTo(model.getProvenance().getTrainerProvenance());
    }

    @Test
    void modelsSurviveProtobufSerialisationWithIdenticalPredictions() throws Exception {
        Dataset<Regressor> data = TestData.diabetes();
        Model<Regressor> linear = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(
                new UnigradRegressionObjective("mse"), new UnigradOptimiser("adam(lr=0.02)"), 2, 5L).train(data);
        Model<Regressor> fm = new org.tribuo.regression.sgd.fm.FMRegressionTrainer(new UnigradRegressionObjective("l2"),
                new UnigradOptimiser("adam(lr=0.01)"), 2, -1, 5L, 3, 0.1, false).train(data);
        for (Model<Regressor> model : List.of(linear, fm)) {
            ModelProto proto = ModelProto.parseFrom(model.serialize().toByteArray());
            @SuppressWarnings("unchecked")
            Model<Regressor> back = (Model<Regressor>) Model.deserialize(proto);
            List<Prediction<Regressor>> before = model.predict(data);
            List<Prediction<Regressor>> after = back.predict(data);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i).getOutput().getValues()).isEqualTo(before.get(i).getOutput().getValues());
            }
            assertThat(back.getProvenance()).isEqualTo(model.getProvenance());
        }
    }

    @Test
    void classificationModelsKeepTheirNormaliserThroughProtobuf() throws Exception {
        Dataset<Label> data = TestData.iris();
        Model<Label> model = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                new UnigradLabelObjective("softmax_cross_entropy"), new UnigradOptimiser("adam(lr=0.05)"), 2, 5L).train(data);
        @SuppressWarnings("unchecked")
        Model<Label> back = (Model<Label>) Model.deserialize(ModelProto.parseFrom(model.serialize().toByteArray()));
        assertThat(back.generatesProbabilities()).isTrue();
        List<Prediction<Label>> before = model.predict(data);
        List<Prediction<Label>> after = back.predict(data);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).getOutputScores()).isEqualTo(before.get(i).getOutputScores());
        }
    }
}
