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
            "ours (spec)", "relation", "final loss built-in", "final loss ours", "test metric built-in",
            "test metric ours", "ms/epoch built-in", "ms/epoch ours", "max |Δθ|", "status");

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
        cells.add(loss(r.builtIn()));
        cells.add(loss(r.ours()));
        cells.add(metric(r.builtIn()));
        cells.add(metric(r.ours()));
        cells.add(r.builtIn() == null ? "" : number(r.builtIn().msPerEpoch(), "%.1f"));
        cells.add(r.ours() == null ? "" : number(r.ours().msPerEpoch(), "%.1f"));
        cells.add(number(r.maxParameterDifference(), "%.2e"));
        cells.add(r.status());
        return cells;
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
