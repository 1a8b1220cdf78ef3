package io.github.unigrad.compare;

import io.github.unigrad.compare.dl4j.Dl4jCompare;
import io.github.unigrad.compare.report.ResultTable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line on the user's own data: a temporary CSV made here runs the full twin comparison; a DL4J
 * network JSON made here runs against its twins; every bad input is refused with exit code 2, naming the
 * file, line and column, before anything trains; and the runner fixes found trying it as a new user.
 */
class OwnDataCommandTest {
    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void writeTheCsv() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("width,height,depth,kind\n");
        for (int i = 0; i < 90; i++) {
            int k = i % 3;
            sb.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f,%s%n", k + r.nextGaussian(), -k + r.nextGaussian(),
                    r.nextGaussian(), new String[] {"small", "medium", "large"}[k]));
        }
        csv = dir.resolve("shapes.csv");
        Files.writeString(csv, sb.toString());
    }

    /** Runs the command; returns exit code, standard output and standard error. */
    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cl = CompareCommand.commandLine(new CompareCommand(new PrintStream(out, true, StandardCharsets.UTF_8), null));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString()};
    }

    @Test
    void theFullTwinComparisonRunsOnTheUsersCsv() throws IOException {
        Path report = dir.resolve("report");
        String[] r = run("--csv", csv.toString(), "--target", "kind", "--task", "classification", "--test-fraction", "0.25",
                "-e", "2", "-o", report.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        String md = Files.readString(report.resolve("report.md"));
        assertThat(md).contains("| shapes |").contains("parity ok").contains("75/25 train/test split")
                .doesNotContain("iris").doesNotContain("logistic regression on XOR");
        assertThat(r[1]).contains("DL4J").contains("Tribuo").doesNotContain("PARITY FAILED").doesNotContain("ours fails");
    }

    @Test
    void aDl4jNetworkJsonRunsAgainstItsTwins() throws IOException {
        Path json = dir.resolve("net.json");
        Files.writeString(json, new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE).updater(new Adam(0.01))
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(6).nOut(3).activation(Activation.SOFTMAX).lossFunction(new LossMCXENT()).build())
                .build().toJson());
        Path report = dir.resolve("own-network");
        String[] r = run("--dl4j-config", json.toString(), "--csv", csv.toString(), "--target", "kind", "--task",
                "classification", "-e", "3", "-O", "lion(lr=0.001)", "-o", report.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains(Dl4jCompare.TWINS).contains("parity ok").contains("lion(lr=0.001");
        assertThat(Files.readString(report.resolve("index.html"))).contains("replaced: layer 0 updater Adam");

        Path wrong = dir.resolve("wrong.json");
        Files.writeString(wrong, Files.readString(json).replaceFirst("\"nin\" : 3", "\"nin\" : 4"));
        String[] bad = run("--dl4j-config", wrong.toString(), "--csv", csv.toString(), "--target", "kind", "--task",
                "classification", "-o", dir.resolve("never").toString());
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2]).contains("wrong.json").contains("4 inputs").contains("3 feature columns");
        assertThat(run("--dl4j-config", csv.toString(), "--csv", csv.toString(), "--target", "kind", "--task", "classification")[2])
                .contains("not a DL4J network configuration");
    }

    /** Writes {@code text} as a CSV, runs on it, and checks the refusal: exit 2, the message, no report. */
    private static String refused(String name, String text, String... more) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Path report = dir.resolve("report-" + name);
        String[] args = new String[4 + more.length + 2];
        args[0] = "--csv";
        args[1] = file.toString();
        args[2] = "--target";
        args[3] = "y";
        System.arraycopy(more, 0, args, 4, more.length);
        args[args.length - 2] = "-o";
        args[args.length - 1] = report.toString();
        String[] r = run(args);
        assertThat(r[0]).as(r[2]).isEqualTo("2");
        assertThat(r[2]).contains(file.toString());
        assertThat(report.resolve("report.md")).doesNotExist();
        return r[2];
    }

    @Test
    void everyBadCsvIsRefusedNamingFileLineAndColumn() throws IOException {
        assertThat(refused("empty.csv", "")).contains("empty");
        assertThat(refused("header-only.csv", "a,b,y\n")).contains("no examples");
        assertThat(refused("no-target.csv", "a,b,c\n1,2,3\n", "--task", "regression"))
                .contains("line 1").contains("no column 'y'").contains("a, b, c");
        assertThat(refused("ragged.csv", "a,b,y\n1,2,3\n4,5\n1,1,1\n")).contains("line 3").contains("2 cells")
                .contains("3 columns");
        assertThat(refused("text-target.csv", "a,b,y\n1,2,3.5\n4,5,high\n1,1,1\n")).contains("line 3")
                .contains("column 3 ('y')").contains("'high'").contains("--task classification");
        assertThat(refused("text-feature.csv", "a,b,y\n1,2,3\n4,x5,1\n1,1,1\n")).contains("line 3")
                .contains("column 2 ('b')").contains("'x5'");
        assertThat(refused("missing.csv", "a,b,y\n1,2,3\n4,,1\n1,1,1\n")).contains("line 3").contains("column 2 ('b')")
                .contains("empty cell");
        assertThat(refused("one-class.csv", "a,y\n1,a\n2,a\n", "--task", "classification")).contains("at least two");
    }

    @Test
    void optionsThatMakeNoSenseAreRefusedBeforeTraining() throws IOException {
        assertThat(run("--csv", csv.toString())[2]).contains("--target");
        assertThat(run("--target", "kind")[2]).contains("needs --csv");
        assertThat(run("--csv", csv.toString(), "--target", "kind", "-d", "iris")[2]).contains("give one");
        assertThat(run("--csv", csv.toString(), "--target", "kind", "--test-fraction", "1.5")[2]).contains("(0, 1)");
        // nothing selected: optimiser comparisons need classes, diabetes is a regression set
        String[] nothing = run("-f", "dl4j", "-d", "diabetes", "-O", "adam", "-o", dir.resolve("nothing").toString());
        assertThat(nothing[0]).isEqualTo("2");
        assertThat(nothing[2]).contains("select nothing").contains("classification");
        // --xor runs a fixed example: it refuses the options it would ignore
        String[] xor = run("--xor", "-O", "adam");
        assertThat(xor[0]).isEqualTo("2");
        assertThat(xor[2]).contains("--xor").contains("--optimiser");
        // an unwritable report folder is refused before anything trains (a path below a regular file)
        String[] unwritable = run("--quick", "-o", csv.resolve("report").toString());
        assertThat(unwritable[0]).isEqualTo("2");
        assertThat(unwritable[2]).contains("--output").contains("cannot write");
    }

    @Test
    void aNewRunDeletesThePreviousRunsPlots() throws IOException {
        Path report = dir.resolve("again");
        Files.createDirectories(report.resolve("plots"));
        Path stale = report.resolve("plots/99-old-run.png");
        Files.writeString(stale, "old");
        String[] r = run("-f", "tribuo", "-l", "l1", "-e", "1", "-o", report.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(stale).doesNotExist();
        assertThat(report.resolve("plots")).isNotEmptyDirectory();
    }

    @Test
    void offATerminalTheProgressIsAFewPlainLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1000, false);
        bar.label("DL4J loss mse");
        for (int i = 0; i < 1000; i++) {
            bar.advance(1);
        }
        bar.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        assertThat(text.lines().count()).as("0%, 10%, ..., 100%").isEqualTo(11);
        assertThat(text).contains("compare: 100% DL4J loss mse");
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        ProgressBar redrawn = new ProgressBar(new PrintStream(tty, true, StandardCharsets.UTF_8), 10, true);
        redrawn.advance(5);
        assertThat(tty.toString(StandardCharsets.UTF_8)).startsWith("\r[");
    }

    @Test
    void theTableColumnsAreNamedOnce() {
        assertThat(ResultTable.HEADER.get(ResultTable.STATUS)).isEqualTo("status");
        assertThat(ResultTable.HEADER.get(ResultTable.TIME)).startsWith("ms/epoch");
    }
}
