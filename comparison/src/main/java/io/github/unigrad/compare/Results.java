package io.github.unigrad.compare;

import io.github.unigrad.compare.report.ReportWriter;
import io.github.unigrad.compare.report.ResultTable;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;

import java.nio.file.Path;
import java.util.List;

/**
 * What a comparison on the user's own model and data produced: one {@link ComparisonResult} per variant
 * (each row: the model as configured against one variant), the variants that could not be made and why,
 * and the wall time. {@link #toString()} is the console table; {@link #writeReport(Path)} writes the
 * HTML and Markdown report with the loss curves.
 *
 * @param origin  what ran, e.g. {@code Dl4jCompare on my-data}
 * @param setup   what every run shared, in a sentence
 * @param results one row per variant
 * @param skips   variants asked for that could not be made, and why
 * @param seconds the wall time of the whole comparison
 */
public record Results(String origin, String setup, List<ComparisonResult> results, List<Skip> skips, double seconds) {

    public Results {
        results = List.copyOf(results);
        skips = List.copyOf(skips);
    }

    /**
     * The row whose variant is {@code ours}: as the table's "ours" column names it, or any spelling of the same
     * loss or optimiser spec (e.g. {@code huber} for {@code huber(delta=1)}).
     */
    public ComparisonResult variant(String ours) {
        String loss = canonical(() -> Losses.parse(ours).spec().toString());
        String optimiser = canonical(() -> Optimisers.parse(ours).spec().toString());
        return results.stream().filter(r -> List.of(ours, loss, optimiser).contains(r.comparison().ours())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + ours + "'; variants: "
                        + results.stream().map(r -> r.comparison().ours()).toList()));
    }

    private static String canonical(java.util.function.Supplier<String> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Writes {@code index.html}, {@code report.md} and the loss curves into {@code folder}; returns index.html. */
    public Path writeReport(Path folder) {
        return ReportWriter.write(new ReportWriter.Report(origin, setup, results, skips, List.of(), seconds), folder);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(origin).append(": ").append(setup).append('\n');
        sb.append(ResultTable.text(ResultTable.HEADER, ResultTable.rows(results)));
        for (Skip s : skips) {
            sb.append("not run: ").append(s.ours()).append(": ").append(s.reason()).append('\n');
        }
        return sb.toString();
    }
}
