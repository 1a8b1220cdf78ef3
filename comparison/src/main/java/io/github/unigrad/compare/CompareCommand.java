package io.github.unigrad.compare;

import io.github.unigrad.compare.data.CsvTable;
import io.github.unigrad.compare.data.DataSource;
import io.github.unigrad.compare.data.Datasets;
import io.github.unigrad.compare.data.Split;
import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;
import io.github.unigrad.compare.dl4j.Dl4jComparisons;
import io.github.unigrad.compare.dl4j.Dl4jConfigRun;
import io.github.unigrad.compare.report.ReportWriter;
import io.github.unigrad.compare.report.ResultTable;
import io.github.unigrad.compare.tribuo.ModelKind;
import io.github.unigrad.compare.tribuo.TribuoComparisons;
import io.github.unigrad.compare.examples.XorExample;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The comparison runner's command line: trains DL4J's and Tribuo's built-in losses and optimisers
 * side by side with Unigrad's, prints a table and writes a report folder.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, version = "unigrad compare 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Trains each DL4J and Tribuo built-in loss and optimiser side by side with its Unigrad twin "
                        + "(or, for Unigrad entries a framework lacks, with the nearest built-in) on the same data, seed "
                        + "and schedule, then prints a table and writes a report (index.html, report.md, PNG loss curves).",
                "Without options it runs the default set on the shipped datasets (iris, breast_cancer, diabetes, wine) "
                        + "and the classic XOR example."},
        footer = {"", "Examples:",
                "  ./compare --quick",
                "  ./compare --csv my-data.csv --target label --epochs 20",
                "  ./compare --dl4j-config my-network.json --csv my-data.csv --target price --task regression",
                "  ./compare -f dl4j --loss 'huber(delta=0.5)' --loss focal -e 50",
                "  ./compare -f tribuo --optimiser 'adamw(lr=0.01, weightDecay=0.05)' -d wine",
                "  ./compare --xor"})
public final class CompareCommand implements Callable<Integer> {
    /** Which framework(s) to run in. */
    public enum Choice { dl4j, tribuo, all }

    static final int DEFAULT_EPOCHS = 30;
    static final int QUICK_EPOCHS = 5;
    static final int DL4J_BATCH = 16;
    static final int TRIBUO_BATCH = 1;
    private static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--framework"}, paramLabel = "NAME", defaultValue = "all",
            description = "Framework to compare in: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Choice framework;

    @Option(names = {"-d", "--dataset"}, paramLabel = "NAME", split = ",",
            description = "Dataset(s) to run on, comma-separated: iris, wine, breast_cancer, digits (classification), "
                    + "diabetes (regression), blobs, friedman (generated, 4000 rows). Each comparison runs on the first one "
                    + "that fits its task; default: each comparison's own (iris, breast_cancer for two-class losses, "
                    + "diabetes for regression, wine for Tribuo optimisers).")
    private List<String> datasets = new ArrayList<>();

    @Option(names = {"-l", "--loss"}, paramLabel = "SPEC",
            description = "A loss spec to compare, e.g. 'huber(delta=0.5)' (repeat the option for several). "
                    + "Given alone, no optimiser comparison runs. Default: every loss with a built-in twin, then "
                    + "focal, softmax_focal, huber, log_cosh... against the nearest built-in. --list shows the names.")
    private List<String> losses = new ArrayList<>();

    @Option(names = {"-O", "--optimiser"}, paramLabel = "SPEC",
            description = "An optimiser spec to compare, e.g. 'adamw(lr=0.01, weightDecay=0.05)' (repeat for several). "
                    + "Given alone, no loss comparison runs. Default: every optimiser with a built-in twin, configured to the "
                    + "framework's conventions, then AdamW, RAdam, Lion, Schedule-Free against the nearest built-in.")
    private List<String> optimisers = new ArrayList<>();

    @Option(names = {"-e", "--epochs"}, paramLabel = "N",
            description = "Epochs per run (default " + DEFAULT_EPOCHS + ", or " + QUICK_EPOCHS + " with --quick).")
    private Integer epochs;

    @Option(names = {"-s", "--seed"}, paramLabel = "N", defaultValue = "42",
            description = "Seed of the train/test split, the weight initialisation and the minibatch order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "unigrad-report",
            description = "Report folder, created if needed (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--quick", description = "A short run: " + QUICK_EPOCHS + " epochs per run (unless --epochs is given).")
    private boolean quick;

    @Option(names = "--xor", description = "Run only the classic XOR example (logistic regression that cannot learn it, "
            + "then a hidden layer that does) and report it.")
    private boolean xorOnly;

    @Option(names = "--no-xor", description = "Leave the XOR example out of the run.")
    private boolean noXor;

    @Option(names = "--list", description = "List the loss and optimiser names of the catalogue and the datasets, then exit.")
    private boolean list;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Your own data instead of the shipped sets: a CSV file with a header row, numeric features and "
                    + "the target column named by --target. Every comparison that fits the task runs on it.")
    private Path csv;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The column of the --csv file to predict.")
    private String target;

    @Option(names = "--task", paramLabel = "TASK",
            description = "classification or regression (default: classification when every target is an integer and "
                    + "there are at most " + CsvTable.MAX_INFERRED_CLASSES + " distinct ones, else regression). "
                    + "With classification the target may be class names.")
    private Task task;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Share of the --csv examples held out for testing, in (0, 1) (default 0.2; stratified by class).")
    private Double testFraction;

    @Option(names = "--dl4j-config", paramLabel = "FILE",
            description = "Your own DL4J network (MultiLayerConfiguration or ComputationGraphConfiguration JSON, as "
                    + "conf.toJson() writes it), trained on --csv as configured and with every built-in loss and updater "
                    + "replaced by its Unigrad twin (plus any --loss and --optimiser given).")
    private Path dl4jConfig;

    private final PrintStream out;
    private final PrintStream progress;

    public CompareCommand() {
        this(System.out, System.err);
    }

    /** @param progress where the progress bar is drawn, or null for none */
    public CompareCommand(PrintStream out, PrintStream progress) {
        this.out = out;
        this.progress = progress;
    }

    public static void main(String[] args) {
        // ND4J and DL4J log their start-up banner at INFO; the runner's own output is the table and the bar
        if (System.getProperty(SLF4J_LEVEL) == null) {
            System.setProperty(SLF4J_LEVEL, "warn");
        }
        System.exit(commandLine(new CompareCommand()).execute(args));
    }

    /** The picocli command line for {@code command}, as {@link #main} runs it. */
    public static CommandLine commandLine(CompareCommand command) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(CompareCommand::badUsage);
    }

    /** A bad option or spec: its message, suggestions for a misspelt option, a pointer to --help; exit code 2. */
    private static int badUsage(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("compare: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try 'compare --help' for the options.");
        err.flush();
        return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public Integer call() {
        if (list) {
            out.println("Losses:     " + String.join(", ", Losses.names()));
            out.println("Optimisers: " + String.join(", ", Optimisers.names()));
            out.println("Datasets:   " + String.join(", ", Datasets.names()));
            return 0;
        }
        validate();
        checkWritable(output);
        long start = System.nanoTime();
        RunSettings settings = new RunSettings(epochs != null ? epochs : quick ? QUICK_EPOCHS : DEFAULT_EPOCHS, seed,
                DL4J_BATCH, TRIBUO_BATCH);
        double fraction = testFraction != null ? testFraction : ComparisonRunner.TEST_FRACTION;
        Table own = csv == null ? null : readCsv(fraction, settings.seed());
        if (dl4jConfig != null) {
            return ownNetwork(own, fraction, settings);
        }
        DataChoice data = own == null ? new DataChoice(DataSource.shipped(), datasets)
                : new DataChoice(DataSource.of(own), List.of(own.name()));
        Plan plan = xorOnly ? new Plan() : plan(data);
        if (!xorOnly && plan.comparisons().isEmpty()) {
            StringBuilder why = new StringBuilder("these options select nothing to compare");
            plan.skips().forEach(k -> why.append("\n  ").append(k.framework().display()).append(' ').append(k.ours())
                    .append(": ").append(k.reason()));
            throw new ParameterException(spec.commandLine(), why.toString());
        }
        ProgressBar bar = new ProgressBar(plan.comparisons().isEmpty() ? null : progress,
                2L * settings.epochs() * plan.comparisons().size());
        List<ComparisonResult> results = new ComparisonRunner(settings, data.source(), fraction).run(plan.comparisons(), bar);
        bar.finish();
        if (!results.isEmpty()) {
            out.print(ResultTable.text(ResultTable.HEADER, ResultTable.rows(results)));
        }
        for (Skip s : plan.skips()) {
            out.println("not run: " + s.framework().display() + " " + s.subject().display() + " " + s.ours() + ": " + s.reason());
        }
        List<XorExample.Outcome> xor = new ArrayList<>();
        if (xorOnly || (!noXor && own == null)) {
            xor.addAll(XorExample.all(XorExample.EPOCHS, seed));
            xor.forEach(o -> out.println(o.describe()));
        }
        String setup = xorOnly ? "The XOR example alone." : ReportWriter.Report.setupOf(settings, fraction);
        Path index = ReportWriter.write(new ReportWriter.Report(commandLine(), setup, results, plan.skips(), xor,
                (System.nanoTime() - start) / 1e9), output);
        out.println("Report: " + index.toAbsolutePath());
        return 0;
    }

    /** The command line as typed, quoted where a shell would need it, for the report. */
    private String commandLine() {
        StringBuilder commandLine = new StringBuilder("compare");
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            commandLine.append(' ').append(arg.matches("[\\w=.,:/+-]*") ? arg : "'" + arg + "'");
        }
        return commandLine.toString();
    }

    /** --dl4j-config: the user's network on the user's CSV, as configured against its twins and the named specs. */
    private int ownNetwork(Table own, double fraction, RunSettings settings) {
        Split split = Datasets.split(own, fraction, settings.seed());
        Dl4jConfigRun run;
        try {
            run = Dl4jConfigRun.load(dl4jConfig, split, DL4J_BATCH, settings.epochs(), losses, optimisers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--dl4j-config " + dl4jConfig + ": " + e.getMessage());
        }
        ProgressBar bar = new ProgressBar(progress, run.compare().totalEpochs());
        Results results = run.compare().progress(bar).run();
        bar.finish();
        out.print(results);
        Path index = results.writeReport(output);
        out.println("Report: " + index.toAbsolutePath());
        return 0;
    }

    /** Reads --csv, refusing a mistake in it, or a split that leaves a part empty, before anything trains. */
    private Table readCsv(double fraction, long splitSeed) {
        Table table;
        try {
            table = CsvTable.read(csv, target, task);
        } catch (CsvTable.CsvException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Split split = Datasets.split(table, fraction, splitSeed);
        if (split.train().rows() == 0 || split.test().rows() == 0) {
            throw new ParameterException(spec.commandLine(), csv + ": " + table.rows() + " examples leave "
                    + split.train().rows() + " for training and " + split.test().rows() + " for testing with --test-fraction "
                    + fraction + "; both need at least one");
        }
        return table;
    }

    /** Creates the report folder, or refuses it (exit code 2) before anything trains when it cannot be written. */
    private void checkWritable(Path folder) {
        try {
            Files.createDirectories(folder.resolve(ReportWriter.PLOTS));
            Path probe = Files.createTempFile(folder.resolve(ReportWriter.PLOTS), ".probe", ".png");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ParameterException(spec.commandLine(), "--output " + folder + ": cannot write the report there ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** Checks every name and spec before anything runs, so a typo fails fast with the catalogue's message. */
    private void validate() {
        for (String d : datasets) {
            if (!Datasets.names().contains(d)) {
                throw new ParameterException(spec.commandLine(),
                        "unknown dataset '" + d + "'; valid: " + String.join(", ", Datasets.names()));
            }
        }
        for (String l : losses) {
            check("--loss", l, () -> Losses.parse(l));
        }
        for (String o : optimisers) {
            check("--optimiser", o, () -> Optimisers.parse(o));
        }
        if (epochs != null && epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        if (xorOnly && noXor) {
            throw new ParameterException(spec.commandLine(), "--xor and --no-xor contradict each other");
        }
        if (xorOnly) {
            List<String> ignored = new ArrayList<>();
            for (String option : List.of("--loss", "--optimiser", "--dataset", "--framework", "--epochs", "--quick", "--csv",
                    "--dl4j-config")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    ignored.add(option);
                }
            }
            if (!ignored.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--xor runs the fixed XOR example (" + XorExample.EPOCHS
                        + " epochs of " + XorExample.SGD + ", then Adam with a hidden layer); it takes no "
                        + String.join(", ", ignored));
            }
        }
        if (csv == null) {
            for (String option : List.of("--target", "--task", "--test-fraction", "--dl4j-config")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new ParameterException(spec.commandLine(), option + " needs --csv FILE (your data)");
                }
            }
        } else {
            if (target == null) {
                throw new ParameterException(spec.commandLine(), "--csv needs --target COLUMN, the column to predict");
            }
            if (!datasets.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--csv and --dataset both choose the data; give one");
            }
        }
        if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--test-fraction must be in (0, 1), got " + testFraction);
        }
        if (dl4jConfig != null && spec.commandLine().getParseResult().hasMatchedOption("--framework") && framework == Choice.tribuo) {
            throw new ParameterException(spec.commandLine(), "--dl4j-config is a DL4J network; it cannot run with --framework tribuo");
        }
    }

    private void check(String option, String value, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " '" + value + "': " + e.getMessage());
        }
    }

    /** The comparisons asked for on the shipped datasets (see {@link #plan(DataChoice)}). */
    Plan plan() {
        return plan(new DataChoice(DataSource.shipped(), datasets));
    }

    /** The comparisons asked for: the given specs, or the defaults, in the chosen frameworks, on {@code datasets}. */
    Plan plan(DataChoice datasets) {
        boolean both = losses.isEmpty() && optimisers.isEmpty();
        Plan plan = new Plan();
        if (framework != Choice.tribuo) {
            if (both || !losses.isEmpty()) {
                for (String l : losses.isEmpty() ? Dl4jComparisons.defaultLosses() : losses) {
                    add(plan, Framework.DL4J, Subject.LOSS, l, () -> Dl4jComparisons.loss(l, datasets));
                }
            }
            if (both || !optimisers.isEmpty()) {
                for (String o : optimisers.isEmpty() ? Dl4jComparisons.defaultOptimisers() : optimisers) {
                    add(plan, Framework.DL4J, Subject.OPTIMISER, o, () -> Dl4jComparisons.optimiser(o, datasets));
                }
            }
        }
        if (framework != Choice.dl4j) {
            if (both || !losses.isEmpty()) {
                for (String l : losses.isEmpty() ? TribuoComparisons.defaultLosses() : losses) {
                    add(plan, Framework.TRIBUO, Subject.LOSS, l, () -> TribuoComparisons.loss(l, ModelKind.LINEAR, datasets));
                }
                for (String l : losses.isEmpty() ? TribuoComparisons.defaultFmLosses() : losses) {
                    add(plan, Framework.TRIBUO, Subject.LOSS, l, () -> TribuoComparisons.loss(l, ModelKind.FM, datasets));
                }
            }
            if (both || !optimisers.isEmpty()) {
                for (String o : optimisers.isEmpty() ? TribuoComparisons.defaultOptimisers() : optimisers) {
                    add(plan, Framework.TRIBUO, Subject.OPTIMISER, o, () -> TribuoComparisons.optimiser(o, datasets));
                }
            }
        }
        return plan;
    }

    /**
     * Adds one comparison, or the reason it cannot run. A default spec the catalogue of this build does not
     * know (a component not merged yet) becomes a "not run" line, never a crash; the user's own specs were
     * validated before.
     */
    private static void add(Plan plan, Framework f, Subject subject, String ours, Supplier<Planned> planned) {
        Planned p;
        try {
            p = planned.get();
        } catch (IllegalArgumentException e) {
            p = new Skip(f, subject, ours, "not available in this build: " + e.getMessage());
        }
        if (p instanceof Comparison c) {
            plan.add(c);
        } else {
            plan.skip((Skip) p);
        }
    }
}
