package io.github.unigrad.compare.report;

import io.github.unigrad.compare.Comparison;
import io.github.unigrad.compare.ComparisonResult;
import io.github.unigrad.compare.Metrics;
import io.github.unigrad.compare.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results table as rows of text cells, shared by the console, Markdown and HTML outputs so that
 * all three show the same numbers.
 */
public final class ResultTable {
    public static final List<String> HEADER = List.of("#", "framework", "model", "data", "varies", "built-in",
            "ours (spec)", "relation", "final loss built-in / ours", "test metric built-in / ours",
            "ms/epoch built-in / ours", "max |Δθ|", "status");
    /** Column of the final losses. */
    public static final int LOSS = 8;
    /** Column of the test metrics. */
    public static final int METRIC = 9;
    /** Column of the times per epoch. */
    public static final int TIME = 10;
    /** Column of the largest parameter difference. */
    public static final int DELTA = 11;
    /** Column of the verdict. */
    public static final int STATUS = 12;

    private ResultTable() {
    }

    public static List<List<String>> rows(List<ComparisonResult> results) {
        List<List<String>> rows = new ArrayList<>();
        int n = 1;
        for (ComparisonResult r : results) {
            rows.add(row(n++, r));
        }
        return rows;
    }

    static List<String> row(int n, ComparisonResult r) {
        Comparison c = r.comparison();
        List<String> cells = new ArrayList<>(List.of(String.valueOf(n), c.framework().display(), c.model(), c.dataset(),
                c.subject().display(), c.builtIn(), c.ours(), c.relation().display()));
        cells.add(loss(r.builtIn()) + " / " + loss(r.ours()));
        cells.add(metric(r.builtIn()) + " / " + metric(r.ours()));
        cells.add(times(r.builtIn(), r.ours()));
        cells.add(number(r.maxParameterDifference(), "%.2e"));
        cells.add(r.status());
        return cells;
    }

    /**
     * Both sides' median time per epoch (after the first) ± half its interquartile range, and whether
     * the difference is within that noise or how many times faster ours is.
     */
    static String times(RunResult builtIn, RunResult ours) {
        if (builtIn == null || ours == null) {
            return (builtIn == null ? "failed" : builtIn.times().describe()) + " / "
                    + (ours == null ? "failed" : ours.times().describe());
        }
        String both = builtIn.times().describe() + " / " + ours.times().describe();
        if (builtIn.times().withinNoise(ours.times())) {
            return both + " (within noise)";
        }
        double ratio = builtIn.msPerEpoch() / ours.msPerEpoch();
        return both + String.format(Locale.ROOT, ratio >= 1 ? " (ours %.1f× faster)" : " (ours %.1f× slower)",
                ratio >= 1 ? ratio : 1 / ratio);
    }

    private static String loss(RunResult r) {
        if (r == null) {
            return "failed";
        }
        return r.diverged() ? "diverged@" + r.divergedAt() : number(r.finalLoss(), "%.4f");
    }

    private static String metric(RunResult r) {
        if (r == null) {
            return "failed";
        }
        Metrics m = r.metrics();
        return m == null ? "n/a" : m.describe();
    }

    static String number(double v, String format) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    /** The rows as a fixed-width text table for the console. */
    public static String text(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int j = 0; j < w.length; j++) {
            w[j] = header.get(j).length();
            for (List<String> row : rows) {
                w[j] = Math.max(w[j], row.get(j).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, w);
        StringBuilder rule = new StringBuilder();
        for (int width : w) {
            rule.append("-".repeat(width)).append("  ");
        }
        sb.append(rule.toString().stripTrailing()).append('\n');
        for (List<String> row : rows) {
            appendLine(sb, row, w);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < cells.size(); j++) {
            line.append(String.format("%-" + w[j] + "s  ", cells.get(j)));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
