package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.data.ConfigurableTrainTest;
import org.tribuo.data.DataOptions;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.regression.Regressor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link TrainTest} run in-process on temporary CSV and LibSVM files: labels, regression and multi-label; the saved
 * model equals the one the same trainer builds in Java; bad options and specs exit non-zero with Tribuo's usage text
 * or the catalogue's message and no stack trace. Also Tribuo's own {@code ConfigurableTrainTest} with a Unigrad trainer
 * in an XML file.
 */
class TrainTestTest {
    @TempDir
    static Path dir;
    static Path irisTrain;
    static Path irisTest;

    /** A finished run: exit status and what it printed. */
    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainTest.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> resource(String name) throws IOException {
        try (InputStream in = TrainTestTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Writes the header and every other row (from {@code first}) of a CSV resource. */
    private static Path half(List<String> lines, int first, String name) throws IOException {
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1 + first; i < lines.size(); i += 2) {
            out.add(lines.get(i));
        }
        return Files.write(dir.resolve(name), out);
    }

    /** Iris as LibSVM with multi-labels: the species, plus "long" when the sepal is longer than 5.8 cm. */
    private static Path irisLibSvm(List<String> lines, int first, String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 1 + first; i < lines.size(); i += 2) {
            String[] f = lines.get(i).split(",");
            StringBuilder row = new StringBuilder(f[4] + (Double.parseDouble(f[0]) > 5.8 ? ",long" : ""));
            for (int j = 0; j < 4; j++) {
                row.append(' ').append(j + 1).append(':').append(f[j]);
            }
            out.add(row.toString());
        }
        return Files.write(dir.resolve(name), out);
    }

    @BeforeAll
    static void data() throws IOException {
        List<String> iris = resource("iris.csv");
        irisTrain = half(iris, 0, "iris-train.csv");
        irisTest = half(iris, 1, "iris-test.csv");
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in");
        assertThat(r.out()).doesNotContain("\tat ");
    }

    @Test
    void trainsTestsAndSavesTheModelTheJavaApiBuilds() throws Exception {
        Path saved = dir.resolve("label.ser");
        Result r = run("--input-format", "CSV", "--csv-response-name", "species", "-u", irisTrain.toString(),
                "-v", irisTest.toString(), "--unigrad-objective", "multi_margin(p=2)",
                "--unigrad-optimiser", "adam(lr=0.01, weightDecay=1e-4)", "--unigrad-epochs", "7",
                "--unigrad-minibatch", "4", "--unigrad-seed", "99", "-f", saved.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(TrainTest.OK);
        assertThat(r.out()).contains("Accuracy").contains("Saved the model to " + saved);
        Model<Label> model;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(saved))) {
            @SuppressWarnings("unchecked")
            Model<Label> m = (Model<Label>) in.readObject();
            model = m;
        }
        DataOptions data = new DataOptions();
        data.inputFormat = DataOptions.InputFormat.CSV;
        data.csvResponseName = "species";
        data.trainingPath = irisTrain;
        data.testingPath = irisTest;
        Pair<Dataset<Label>, Dataset<Label>> sets = data.load(new LabelFactory());
        Model<Label> expected = new LinearSGDTrainer(new UnigradLabelObjective("multi_margin(p=2)"),
                new UnigradOptimiser("adam(lr=0.01, weightDecay=1e-4)"), 7, -1, 4, 99L).train(sets.getA());
        for (Example<Label> e : sets.getB()) {
            Prediction<Label> a = model.predict(e);
            Prediction<Label> b = expected.predict(e);
            assertThat(a.getOutput().getLabel()).isEqualTo(b.getOutput().getLabel());
            for (var entry : b.getOutputScores().entrySet()) {
                assertThat(a.getOutputScores().get(entry.getKey()).getScore()).isCloseTo(entry.getValue().getScore(), within(1e-12));
            }
        }
        assertThat(model.getProvenance().getTrainerProvenance().toString()).contains("multi_margin(p=2, margin=1)");
    }

    @Test
    void regressionAsAProtobufModel() throws Exception {
        List<String> diabetes = resource("diabetes.csv");
        Path train = half(diabetes, 0, "diabetes-train.csv");
        Path test = half(diabetes, 1, "diabetes-test.csv");
        Path saved = dir.resolve("regression.tribuo");
        Result r = run("--input-format", "CSV", "--csv-response-name", "progression", "-u", train.toString(),
                "-v", test.toString(), "--scale-features", "true", "--unigrad-output", "REGRESSION",
                "--unigrad-objective", "huber(delta=50)", "--unigrad-optimiser", "adagrad(lr=0.5)",
                "--unigrad-epochs", "3", "-f", saved.toString(), "--model-output-protobuf", "true");
        assertThat(r.status()).as(r.err()).isEqualTo(TrainTest.OK);
        assertThat(r.out()).containsIgnoringCase("rmse");
        Model<?> model = Model.deserializeFromFile(saved);
        // Tribuo's CSV loading names the single regression target DIM-0
        assertThat(model.getOutputIDInfo().getDomain()).singleElement().isInstanceOf(Regressor.class);
        assertThat(model.getProvenance().getTrainerProvenance().toString()).contains("huber(delta=50");
    }

    @Test
    void multiLabelsFromLibSvm() throws Exception {
        List<String> iris = resource("iris.csv");
        Path train = irisLibSvm(iris, 0, "iris-train.libsvm");
        Path test = irisLibSvm(iris, 1, "iris-test.libsvm");
        Path saved = dir.resolve("multilabel.ser");
        Result r = run("--input-format", "LIBSVM", "-u", train.toString(), "-v", test.toString(),
                "--unigrad-output", "MULTI_LABEL", "--unigrad-objective", "binary_cross_entropy(posWeight=[1, 2, 1, 1])",
                "--unigrad-optimiser", "adagrad(lr=0.1)", "-f", saved.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(TrainTest.OK);
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(saved))) {
            Model<?> model = (Model<?>) in.readObject();
            assertThat(model.getOutputIDInfo().getDomain()).extracting(o -> ((MultiLabel) o).getLabelString())
                    .contains("long", "setosa");
        }
    }

    @Test
    void specCommasAreEscapedForOlcutAndAlreadyEscapedOnesKept() {
        assertThat(TrainTest.escapeSpecCommas(new String[] {"--unigrad-optimiser", "adam(lr=0.1, b1=0.8)", "-u", "a,b"}))
                .containsExactly("--unigrad-optimiser", "adam(lr=0.1\\, b1=0.8)", "-u", "a,b");
        assertThat(TrainTest.escapeSpecCommas(new String[] {"--unigrad-objective", "l2(weights=[1\\, 2])"}))
                .containsExactly("--unigrad-objective", "l2(weights=[1\\, 2])");
    }

    @Test
    void helpPrintsTribuosUsageText() {
        Result r = run("--usage");
        assertThat(r.status()).isEqualTo(TrainTest.OK);
        assertThat(r.out()).contains("--unigrad-objective".substring(2)).contains("csv-response-name").contains("unigrad-output");
    }

    @Test
    void aBadOptionPrintsTheUsageTextAndExitsNonZero() {
        Result r = run("--unigrad-epoch", "3", "-u", irisTrain.toString(), "-v", irisTest.toString());
        assertThat(r.status()).isEqualTo(TrainTest.USAGE_ERROR);
        assertThat(r.err()).contains("unigrad-epoch").contains("unigrad-objective").contains("Usage");
        assertNoStackTrace(r);
        Result wrongType = run("--unigrad-epochs", "many", "-u", irisTrain.toString(), "-v", irisTest.toString());
        assertThat(wrongType.status()).isEqualTo(TrainTest.USAGE_ERROR);
        assertNoStackTrace(wrongType);
        Result noData = run("--unigrad-epochs", "2");
        assertThat(noData.status()).isEqualTo(TrainTest.USAGE_ERROR);
        assertThat(noData.err()).contains("training file (-u)");
    }

    @Test
    void aBadSpecPrintsTheCataloguesMessageAndExitsNonZero() {
        String[] data = {"--input-format", "CSV", "--csv-response-name", "species", "-u", irisTrain.toString(), "-v", irisTest.toString()};
        Result badLoss = run(concat(data, "--unigrad-objective", "huber(delta=-1)", "--unigrad-output", "REGRESSION"));
        assertThat(badLoss.status()).isEqualTo(TrainTest.USAGE_ERROR);
        assertThat(badLoss.err()).contains("huber: delta = -1 is out of range");
        assertNoStackTrace(badLoss);
        Result unknown = run(concat(data, "--unigrad-optimiser", "adamm(lr=0.1)"));
        assertThat(unknown.status()).isEqualTo(TrainTest.USAGE_ERROR);
        assertThat(unknown.err()).contains("unknown optimiser 'adamm'").contains("adamw");
        assertNoStackTrace(unknown);
        Result wrongKind = run(concat(data, "--unigrad-objective", "mse"));
        assertThat(wrongKind.status()).isEqualTo(TrainTest.USAGE_ERROR);
        assertThat(wrongKind.err()).contains("cannot train labels");
        assertNoStackTrace(wrongKind);
    }

    @Test
    void aMissingFileExitsWithAnIoError() {
        Result r = run("--input-format", "CSV", "--csv-response-name", "species", "-u", dir.resolve("nope.csv").toString(),
                "-v", irisTest.toString());
        assertThat(r.status()).isEqualTo(TrainTest.IO_ERROR);
        assertThat(r.err()).contains("nope.csv");
        assertNoStackTrace(r);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Tribuo's own route: ConfigurableTrainTest with the trainer and output factory from an OLCUT XML file. */
    @Test
    void tribuosConfigurableTrainTestRunsAUnigradTrainerFromXml() throws Exception {
        Path config = dir.resolve("unigrad-train-test.xml");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                    <component name="trainer" type="org.tribuo.classification.sgd.linear.LinearSGDTrainer">
                        <property name="objective" value="objective"/>
                        <property name="optimiser" value="optimiser"/>
                        <property name="epochs" value="5"/>
                        <property name="seed" value="42"/>
                    </component>
                    <component name="objective" type="io.github.unigrad.tribuo.UnigradLabelObjective">
                        <property name="loss" value="multi_margin"/>
                    </component>
                    <component name="optimiser" type="io.github.unigrad.tribuo.UnigradOptimiser">
                        <property name="optimiser" value="adam(lr=0.05, weightDecay=1e-4)"/>
                    </component>
                    <component name="label-factory" type="org.tribuo.classification.LabelFactory"/>
                </config>
                """);
        Path saved = dir.resolve("configurable.ser");
        ConfigurableTrainTest.main(new String[] {"-c", config.toString(), "--trainer", "trainer", "--output-factory",
                "label-factory", "--input-format", "CSV", "--csv-response-name", "species", "-u", irisTrain.toString(),
                "-v", irisTest.toString(), "-f", saved.toString()});
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(saved))) {
            Model<?> model = (Model<?>) in.readObject();
            assertThat(model.getProvenance().getTrainerProvenance().toString()).contains("multi_margin(p=1, margin=1)")
                    .contains("adam(lr=0.05");
        }
    }
}
