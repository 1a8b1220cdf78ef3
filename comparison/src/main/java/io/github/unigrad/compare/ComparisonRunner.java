package io.github.unigrad.compare;

import io.github.unigrad.compare.data.DataSource;
import io.github.unigrad.compare.data.Split;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs a {@link Plan}: for each comparison, the built-in and then ours on the same split, seed and
 * schedule. A run that throws is recorded as the comparison's error; the others go on.
 */
public final class ComparisonRunner {
    /** Share of each dataset kept for testing, unless told otherwise. */
    public static final double TEST_FRACTION = 0.2;
    /** Untimed epochs run before the comparisons, per framework. */
    static final int WARM_UP_EPOCHS = 10;

    private final RunSettings settings;
    private final Function<String, Split> splitter;
    private final int warmUpEpochs;
    private final Map<String, Split> splits = new HashMap<>();

    /** A runner on the shipped datasets, 20% of each held out for testing. */
    public ComparisonRunner(RunSettings settings) {
        this(settings, DataSource.shipped(), TEST_FRACTION);
    }

    /** A runner on the datasets of {@code source}, {@code testFraction} of each held out for testing. */
    public ComparisonRunner(RunSettings settings, DataSource source, double testFraction) {
        this(settings, d -> source.split(d, testFraction, settings.seed()), WARM_UP_EPOCHS);
    }

    /**
     * A runner whose trials get their data from {@code splitter} (by dataset name; trials that hold their own
     * data get null), after {@code warmUpEpochs} untimed epochs of the first comparison of each framework.
     */
    public ComparisonRunner(RunSettings settings, Function<String, Split> splitter, int warmUpEpochs) {
        this.settings = settings;
        this.splitter = splitter;
        this.warmUpEpochs = warmUpEpochs;
    }

    /** The split of {@code dataset} every comparison on it shares. */
    public Split split(String dataset) {
        return splits.computeIfAbsent(dataset, splitter);
    }

    public List<ComparisonResult> run(List<Comparison> comparisons, ProgressBar progress) {
        warmUp(comparisons, progress);
        List<ComparisonResult> results = new ArrayList<>();
        for (Comparison c : comparisons) {
            results.add(run(c, progress));
        }
        return results;
    }

    /**
     * Trains the first comparison of each framework for a few untimed epochs, so that the JIT has compiled
     * the frameworks' code before the first timed run (else the first rows' ms/epoch are several times
     * too high).
     */
    private void warmUp(List<Comparison> comparisons, ProgressBar progress) {
        if (warmUpEpochs == 0) {
            return;
        }
        RunSettings brief = settings.withEpochs(warmUpEpochs);
        java.util.Set<Framework> done = java.util.EnumSet.noneOf(Framework.class);
        for (Comparison c : comparisons) {
            if (done.add(c.framework())) {
                progress.label("warming up " + c.framework().display());
                for (Trial t : List.of(c.builtInTrial(), c.ourTrial())) {
                    try {
                        t.run(split(c.dataset()), brief, null);
                    } catch (RuntimeException e) {
                        // a failing trial is reported when it runs for real
                    }
                }
            }
        }
    }

    private ComparisonResult run(Comparison c, ProgressBar progress) {
        progress.label(c.framework().display() + " " + c.subject().display() + " " + c.ours());
        Split data = split(c.dataset());
        Attempt builtIn = attempt(c.builtInTrial(), data, progress);
        Attempt ours = attempt(c.ourTrial(), data, progress);
        return new ComparisonResult(c, builtIn.result(), builtIn.error(), ours.result(), ours.error());
    }

    private record Attempt(RunResult result, String error) {
    }

    /** Runs one side; an exception becomes its error message. The bar always advances by a full run. */
    private Attempt attempt(Trial trial, Split data, ProgressBar progress) {
        long[] epochsDone = {0};
        IntConsumer tick = e -> {
            epochsDone[0]++;
            progress.advance(1);
        };
        try {
            return new Attempt(trial.run(data, settings, tick), null);
        } catch (RuntimeException e) {
            return new Attempt(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            progress.advance(settings.epochs() - epochsDone[0]);
        }
    }
}
