package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.ArgumentException;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.config.UsageException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Trainer;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.data.DataOptions;
import org.tribuo.evaluation.Evaluator;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.multilabel.evaluation.MultiLabelEvaluator;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Trains and tests a Tribuo SGD model (linear, or a factorization machine with {@code --unigrad-fm-factors}) with a
 * Unigrad objective and optimiser, in the style of Tribuo's own {@code org.tribuo.classification.sgd.TrainTest}: the
 * data come through Tribuo's {@link DataOptions} (CSV, LibSVM, text, columnar, serialised datasets), the trainer from
 * {@link UnigradOptions}, and the model is saved with {@code DataOptions.saveModel} ({@code -f}, Java serialisation or
 * protobuf). For example:
 * <pre>
 * java io.github.unigrad.tribuo.TrainTest --input-format CSV --csv-response-name species -u train.csv -v test.csv \
 *     --unigrad-output LABEL --unigrad-objective 'multi_margin(p=2)' --unigrad-optimiser 'adam(lr=0.01, weightDecay=1e-4)' \
 *     --unigrad-epochs 10 --unigrad-minibatch 8 --unigrad-seed 7 -f model.ser
 * </pre>
 * {@code --help} prints Tribuo's usage text. A bad option prints OLCUT's message and the usage text, a bad spec or a
 * loss that cannot train the output type the catalogue's message; both exit with status 2, an unreadable file with
 * status 1; none prints a stack trace.
 */
public final class TrainTest {
    /** Exit status of a run that trained, tested and (if asked) saved a model. */
    public static final int OK = 0;
    /** Exit status when the data or the model file cannot be read or written. */
    public static final int IO_ERROR = 1;
    /** Exit status for a bad option or spec. */
    public static final int USAGE_ERROR = 2;

    private TrainTest() {
    }

    /** What the model predicts: Tribuo's output factory, the trainer {@link UnigradOptions} builds, the evaluator. */
    public enum OutputKind {
        LABEL {
            @Override
            Model<?> run(TrainTestOptions o, PrintStream out) throws IOException {
                return trainAndTest(o.general, new LabelFactory(), o.unigrad.labelTrainer(), new LabelEvaluator(), out);
            }
        },
        REGRESSION {
            @Override
            Model<?> run(TrainTestOptions o, PrintStream out) throws IOException {
                return trainAndTest(o.general, new RegressionFactory(), o.unigrad.regressionTrainer(), new RegressionEvaluator(), out);
            }
        },
        MULTI_LABEL {
            @Override
            Model<?> run(TrainTestOptions o, PrintStream out) throws IOException {
                return trainAndTest(o.general, new MultiLabelFactory(), o.unigrad.multiLabelTrainer(), new MultiLabelEvaluator(), out);
            }
        };

        abstract Model<?> run(TrainTestOptions o, PrintStream out) throws IOException;
    }

    /** The program's options: the output kind, Tribuo's data options and the Unigrad trainer options. */
    public static final class TrainTestOptions implements Options {
        @Override
        public String getOptionsDescription() {
            return "Trains and tests a Tribuo SGD model (linear or factorization machine) with a Unigrad objective and"
                    + " optimiser on the specified datasets.";
        }

        @Option(longName = "unigrad-output", usage = "What the model predicts: LABEL, REGRESSION or MULTI_LABEL.")
        public OutputKind output = OutputKind.LABEL;

        public DataOptions general;

        public UnigradOptions unigrad;
    }

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the program: parses {@code args}, loads the data, trains, prints the test evaluation to {@code out} and
     * saves the model if {@code -f} was given.
     *
     * @return the exit status: {@link #OK}, {@link #IO_ERROR} or {@link #USAGE_ERROR}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        TrainTestOptions o = new TrainTestOptions();
        try (ConfigurationManager cm = new ConfigurationManager(escapeSpecCommas(args), o)) {
            if (o.general.trainingPath == null || o.general.testingPath == null) {
                err.println("TrainTest needs both a training file (-u) and a testing file (-v)");
                err.println(usage());
                return USAGE_ERROR;
            }
            Model<?> model = o.output.run(o, out);
            if (o.general.outputPath != null) {
                o.general.saveModel(model);
                out.println("Saved the model to " + o.general.outputPath);
            }
            return OK;
        } catch (UsageException e) {
            out.println(e.getUsage());
            return OK;
        } catch (ArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return USAGE_ERROR;
        } catch (PropertyException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE_ERROR;
        } catch (IOException | UncheckedIOException e) {
            err.println("TrainTest: " + e.getMessage());
            return IO_ERROR;
        }
    }

    /**
     * OLCUT reads an unescaped comma in an option's value as a list separator, so a spec such as
     * {@code adam(lr=0.01, weightDecay=1e-4)} would be refused as "a list where a single argument was expected":
     * the commas in the values of {@code --unigrad-objective} and {@code --unigrad-optimiser} are escaped with
     * OLCUT's escape character (commas already escaped are left alone).
     */
    static String[] escapeSpecCommas(String[] args) {
        String escape = String.valueOf(ConfigurationManager.CUR_ESCAPE_CHAR);
        String[] out = args.clone();
        for (int i = 0; i + 1 < out.length; i++) {
            if (out[i].equals("--unigrad-objective") || out[i].equals("--unigrad-optimiser")) {
                out[i + 1] = out[i + 1].replaceAll("(?<!" + java.util.regex.Pattern.quote(escape) + "),",
                        java.util.regex.Matcher.quoteReplacement(escape + ","));
            }
        }
        return out;
    }

    /** Tribuo's usage text for these options. */
    static String usage() {
        try {
            new ConfigurationManager(new String[] {"--usage"}, new TrainTestOptions()).close();
            return "";
        } catch (UsageException e) {
            return e.getUsage();
        }
    }

    private static <T extends Output<T>> Model<T> trainAndTest(DataOptions data, OutputFactory<T> factory, Trainer<T> trainer,
                                                               Evaluator<T, ?> evaluator, PrintStream out) throws IOException {
        Pair<Dataset<T>, Dataset<T>> sets = data.load(factory);
        out.println("Training " + trainer + " on " + sets.getA().size() + " examples");
        Model<T> model = trainer.train(sets.getA());
        out.println("Testing on " + sets.getB().size() + " examples");
        out.println(evaluator.evaluate(model, sets.getB()));
        return model;
    }
}
