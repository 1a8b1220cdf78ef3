package io.github.unigrad.compare.report;

import io.github.unigrad.compare.Comparison;
import io.github.unigrad.compare.ComparisonResult;
import io.github.unigrad.compare.Relation;
import io.github.unigrad.compare.Subject;
import io.github.unigrad.compare.RunSettings;
import io.github.unigrad.compare.Skip;
import io.github.unigrad.compare.examples.XorExample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the report folder: {@code index.html} and {@code report.md} with the same tables and
 * text, and {@code plots/*.png} with the loss curves per epoch (built-in against ours).
 */
public final class ReportWriter {
    public static final String PLOTS = "plots";

    /**
     * Everything one comparison run produced.
     *
     * @param origin   how the run was started, e.g. the command line or {@code Dl4jCompare}
     * @param setup    what every run shared, in a sentence (epochs, seed, minibatches, split)
     * @param results  the comparisons, in order
     * @param skips    comparisons asked for that could not run, and why
     * @param xor      the XOR example's outcomes, or none
     * @param seconds  the wall time of the whole run
     */
    public record Report(String origin, String setup, List<ComparisonResult> results, List<Skip> skips,
                         List<XorExample.Outcome> xor, double seconds) {
        public Report {
            results = List.copyOf(results);
            skips = List.copyOf(skips);
            xor = List.copyOf(xor);
        }

        /** The sentence the runner's own report opens with: its schedule, minibatches and split. */
        public static String setupOf(RunSettings s, double testFraction) {
            return String.format(Locale.ROOT, "%d epochs, seed %d, DL4J minibatches of %d, Tribuo minibatches of %d; "
                    + "%.0f/%.0f train/test split, features standardised.", s.epochs(), s.seed(), s.dl4jBatch(),
                    s.tribuoBatch(), 100 * (1 - testFraction), 100 * testFraction);
        }
    }

    private ReportWriter() {
    }

    /**
     * Writes the report into {@code folder} (created if needed), replacing the PNG files a previous report
     * left in its {@code plots} folder; returns the path of index.html.
     */
    public static Path write(Report report, Path folder) {
        try {
            Files.createDirectories(folder.resolve(PLOTS));
            deleteOldPlots(folder.resolve(PLOTS));
            Doc doc = document(report, folder);
            Files.writeString(folder.resolve("report.md"), doc.markdown(), StandardCharsets.UTF_8);
            Path index = folder.resolve("index.html");
            Files.writeString(index, doc.html(), StandardCharsets.UTF_8);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + folder, e);
        }
    }

    private static void deleteOldPlots(Path plots) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(plots, "*.png")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
    }

    static Doc document(Report r, Path folder) {
        Doc doc = new Doc("Unigrad comparison report");
        doc.para(String.format(Locale.ROOT, "Run: `%s`. %s Took %.0f s on %d cores, Java %s.",
                r.origin(), r.setup(), r.seconds(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        if (!r.results().isEmpty()) {
            doc.heading(1, "Results");
            doc.para(summary(r.results()));
            doc.table(ResultTable.HEADER, ResultTable.rows(r.results()));
            doc.heading(2, "How to read the table");
            doc.bullets(List.of(
                    "Each row trains the **built-in** and **ours** side by side: same data, same initial weights (same seed), "
                            + "same minibatches in the same order, same epochs; only the compared part (the loss or the optimiser) differs. "
                            + "The other part is the same built-in on both sides (see the notes).",
                    "**relation**: `twin` = the same rule configured alike, so the final parameters should agree to rounding "
                            + "(tolerance 1e-6, status `parity ok`); `same rule` = the same rule with other numbers; "
                            + "`nearest built-in` = the framework has no such loss or optimiser, so the closest built-in is shown.",
                    "**final loss**: mean training loss after the last epoch. DL4J: the network's own score (which includes its "
                            + "regularisation terms, such as the weight decay DL4J applies for AdamW or Lion). Tribuo: measured from the "
                            + "model's raw outputs with the catalogue's definition of the loss each side trains, because Tribuo's built-in "
                            + "objectives report unusable values (LogMulticlass returns log p ≤ 0, Hinge a score difference, AbsoluteLoss |d| − 0.5). "
                            + "For `nearest built-in` rows the two losses are different functions: compare the test metric, not the loss.",
                    "**test metric**: accuracy and macro F1 (classification) or RMSE and R² (regression, target standardised) on the 20% held out.",
                    "**ms/epoch**: the median wall time of the epochs after the first (the first pays for the JIT), "
                            + "± half their interquartile range, measurement of the loss excluded. `within noise` means the two "
                            + "medians differ by less than the larger interquartile range (or there are fewer than 3 timed epochs "
                            + "to tell): read it as no measurable difference. On a busy or shared machine even the others are "
                            + "indicative only; the JMH benchmarks measure speed.",
                    "**max |Δθ|**: the largest absolute difference between the two final parameter vectors.",
                    "**DIVERGED**: the loss became NaN or infinite, or grew past 1000 × its first epoch's value; the run was stopped there."));
            List<String> notes = notes(r.results());
            if (!notes.isEmpty()) {
                doc.heading(2, "Notes");
                doc.bullets(notes);
            }
        }
        if (!r.skips().isEmpty()) {
            doc.heading(1, "Not run");
            List<List<String>> rows = new ArrayList<>();
            for (Skip k : r.skips()) {
                rows.add(List.of(k.framework().display(), k.subject().display(), k.ours(), k.reason()));
            }
            doc.table(List.of("framework", "varies", "ours (spec)", "why not"), rows);
        }
        if (!r.xor().isEmpty()) {
            xorSection(doc, r.xor(), folder);
        }
        if (!r.results().isEmpty()) {
            doc.heading(1, "Loss curves");
            doc.para("Training loss after each epoch, built-in against ours. For twins the two lines lie on top of each other.");
            int n = 1;
            for (ComparisonResult c : r.results()) {
                if (c.builtIn() != null || c.ours() != null) {
                    String file = plot(n, c, folder);
                    doc.image(PLOTS + "/" + file, "#" + n + " " + title(c.comparison()));
                }
                n++;
            }
        }
        return doc;
    }

    private static String summary(List<ComparisonResult> results) {
        int twins = 0;
        int parity = 0;
        int diverged = 0;
        int errors = 0;
        for (ComparisonResult c : results) {
            if (c.failed()) {
                errors++;
                continue;
            }
            if (c.comparison().expectsParity()) {
                twins++;
                if (c.parityHolds()) {
                    parity++;
                }
            }
            if (c.builtIn().diverged() || c.ours().diverged()) {
                diverged++;
            }
        }
        return String.format(Locale.ROOT, "%d comparisons; %d twins configured alike, of which %d reach parity; "
                + "%d with a diverged run; %d where a side failed with an error (see status).", results.size(), twins, parity, diverged, errors);
    }

    /** What each group of rows shares, and the rows' own notes (a documented difference, a built-in defect). */
    private static List<String> notes(List<ComparisonResult> results) {
        java.util.Set<String> shared = new java.util.LinkedHashSet<>();
        List<String> own = new ArrayList<>();
        int n = 1;
        for (ComparisonResult c : results) {
            Comparison k = c.comparison();
            if (!k.fixed().isEmpty()) {
                shared.add(k.framework().display() + " rows that vary the " + k.subject().display() + " all use the "
                        + k.subject().other() + " `" + k.fixed() + "` on both sides.");
            }
            if (!k.note().isEmpty()) {
                own.add("#" + n + ": " + k.note());
            }
            n++;
        }
        List<String> notes = new ArrayList<>(shared);
        notes.addAll(own);
        return notes;
    }

    private static String title(Comparison c) {
        return c.framework().display() + " " + c.model() + " on " + c.dataset() + ": " + c.builtIn() + " vs " + c.ours();
    }

    private static String plot(int n, ComparisonResult c, Path folder) {
        Comparison k = c.comparison();
        String file = String.format(Locale.ROOT, "%02d-%s-%s-%s.png", n, k.framework().name().toLowerCase(Locale.ROOT),
                k.subject().name().toLowerCase(Locale.ROOT), slug(k.ours()));
        boolean twoLosses = k.subject() == Subject.LOSS && (k.relation() == Relation.NEAREST || k.relation() == Relation.ALTERNATIVE);
        LossChart chart = new LossChart("#" + n + " " + k.framework().display() + " " + k.model() + " on " + k.dataset(),
                twoLosses ? "training loss (each side its own loss)" : "training loss");
        if (c.builtIn() != null) {
            chart.curve("built-in " + k.builtIn(), c.builtIn().lossPerEpoch());
        }
        if (c.ours() != null) {
            chart.curve("ours " + k.ours(), c.ours().lossPerEpoch());
        }
        chart.save(folder.resolve(PLOTS).resolve(file));
        return file;
    }

    /** A file-name-safe short form of a spec. */
    static String slug(String spec) {
        String s = spec.replaceAll("[^A-Za-z0-9_]+", "-").replaceAll("-+$", "");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static void xorSection(Doc doc, List<XorExample.Outcome> xor, Path folder) {
        doc.heading(1, "The classic example: logistic regression on XOR");
        doc.para("A much-copied tutorial trains logistic regression with sigmoid cross-entropy and plain SGD "
                + "(learning rate 0.01, 1000 epochs) on the four XOR points. Here it is with Unigrad's `"
                + XorExample.LOSS + "` and `" + XorExample.SGD + "`, in DL4J and in Tribuo, and then with one hidden layer.");
        List<List<String>> rows = new ArrayList<>();
        for (XorExample.Outcome o : xor) {
            rows.add(List.of(o.title(), String.format(Locale.ROOT, "%.4f", o.finalLoss()),
                    o.run().metrics() == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * o.accuracy())));
        }
        doc.table(List.of("model", "final loss", "accuracy on the 4 points"), rows);
        doc.para(String.format(Locale.ROOT, "**Why the linear model fails.** XOR is not linearly separable: no line puts (0,1) "
                + "and (1,0) on one side and (0,0), (1,1) on the other, so at most three of the four points can be right "
                + "(accuracy ≤ 75%%), and the best a logistic model can do is predict ½ everywhere (w = 0, b = 0), where the "
                + "cross-entropy is ln 2 ≈ %.3f per point. Gradient descent converges there, and the loss flattens at ln 2 "
                + "whatever the learning rate or the number of epochs. Tribuo starts at w = 0, b = 0, exactly that point (the "
                + "gradient Σ(½ − y)x vanishes on these four points), so its curve is flat from the start. A hidden layer "
                + "(or the pairwise term x₁x₂ of a factorization machine) makes the problem separable, and Adam drives the "
                + "loss to nearly 0 with every point right.", XorExample.LN2));
        LossChart chart = new LossChart("XOR: training loss per epoch", "binary cross-entropy");
        for (XorExample.Outcome o : xor) {
            chart.curve(o.title(), o.run().lossPerEpoch());
        }
        chart.reference("ln 2", XorExample.LN2).save(folder.resolve(PLOTS).resolve("xor.png"));
        doc.image(PLOTS + "/xor.png", "XOR: the linear models flatten at ln 2, the models with a hidden layer or pairwise term go to 0");
    }
}
