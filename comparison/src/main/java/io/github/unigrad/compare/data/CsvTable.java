package io.github.unigrad.compare.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a user's CSV file as a {@link Table}: a header row of column names, then one example per line,
 * comma-separated (cells trimmed, one pair of surrounding double quotes removed; no quoted commas), every
 * column but the target a number. The target is a number for regression, and any text (a class name) for
 * classification. When the task is not given it is classification if every target is an integer and there
 * are at most {@value #MAX_INFERRED_CLASSES} distinct ones, regression otherwise.
 *
 * <p>Every mistake (a missing file, an empty file, no target column, a ragged row, an empty cell, a cell
 * that is not a number, a single class) fails with a {@link CsvException} naming the file, the line and
 * the column, before anything is trained.
 */
public final class CsvTable {
    /** The most distinct integer targets read as classes when the task is not given. */
    public static final int MAX_INFERRED_CLASSES = 20;

    /** A mistake in a CSV file, naming the file, the line and the column. */
    public static final class CsvException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        CsvException(String message) {
            super(message);
        }
    }

    private CsvTable() {
    }

    /**
     * Reads {@code file}; {@code target} names the column to predict; {@code task} may be null to infer it
     * (see the class comment). The table is named after the file.
     */
    public static Table read(Path file, String target, Task task) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new CsvException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new CsvException(file + ": the file is empty; expected a header row of column names, then one example per line");
        }
        List<String> header = cells(lines.get(0));
        int y = header.indexOf(target);
        if (y < 0) {
            throw new CsvException(file + " line 1: no column '" + target + "'; the columns are " + String.join(", ", header));
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < header.size(); j++) {
            if (header.get(j).isEmpty() || !seen.add(header.get(j))) {
                throw new CsvException(file + " line 1, column " + (j + 1) + ": "
                        + (header.get(j).isEmpty() ? "empty column name" : "column name '" + header.get(j) + "' repeated"));
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            List<String> c = cells(line);
            if (c.size() != header.size()) {
                throw new CsvException(file + " line " + (n + 1) + ": " + c.size() + " cells, but the header has "
                        + header.size() + " columns");
            }
            double[] x = new double[header.size() - 1];
            int k = 0;
            for (int j = 0; j < c.size(); j++) {
                if (c.get(j).isEmpty()) {
                    throw new CsvException(where(file, n, j, header) + ": empty cell (missing values are not supported; "
                            + "fill or drop them first)");
                }
                if (j != y) {
                    x[k++] = number(file, n, j, header, c.get(j), "every column but the target must be a number");
                }
            }
            rows.add(x);
            targets.add(c.get(y));
            lineOf.add(n);
        }
        if (rows.isEmpty()) {
            throw new CsvException(file + ": a header but no examples; expected one example per line after the header");
        }
        Task t = task != null ? task : infer(targets);
        double[][] features = rows.toArray(new double[0][]);
        double[] values = new double[features.length];
        List<String> classes = List.of();
        if (t == Task.REGRESSION) {
            for (int i = 0; i < values.length; i++) {
                values[i] = number(file, lineOf.get(i), y, header, targets.get(i),
                        "a regression target must be a number; for class names give --task classification");
            }
        } else {
            classes = new ArrayList<>(new TreeSet<>(targets));
            if (classes.size() < 2) {
                throw new CsvException(file + ", column '" + target + "': every example has the class '" + classes.get(0)
                        + "'; classification needs at least two");
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = classes.indexOf(targets.get(i));
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        return new Table(name, t, features, values, classes);
    }

    /** Classification when every target is an integer and there are few distinct ones. */
    private static Task infer(List<String> targets) {
        Set<String> distinct = new HashSet<>();
        for (String v : targets) {
            if (!v.matches("[+-]?\\d+")) {
                return Task.REGRESSION;
            }
            distinct.add(v);
        }
        return distinct.size() <= MAX_INFERRED_CLASSES ? Task.CLASSIFICATION : Task.REGRESSION;
    }

    private static double number(Path file, int n, int j, List<String> header, String cell, String rule) {
        try {
            double v = Double.parseDouble(cell);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CsvException(where(file, n, j, header) + ": '" + cell + "' is not a finite number (" + rule + ")");
    }

    private static String where(Path file, int n, int j, List<String> header) {
        return file + " line " + (n + 1) + ", column " + (j + 1) + " ('" + header.get(j) + "')";
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.split(",", -1)) {
            String t = c.strip();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).strip();
            }
            out.add(t);
        }
        return out;
    }
}
