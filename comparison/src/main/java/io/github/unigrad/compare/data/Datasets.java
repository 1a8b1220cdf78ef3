package io.github.unigrad.compare.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The datasets the runner knows: the five small real sets shipped as CSV resources (see the README
 * beside them), a generated one for cases that need size, and the four XOR points.
 */
public final class Datasets {
    /** The shipped CSV sets and their task. */
    private static final Map<String, Task> SHIPPED = Map.of(
            "iris", Task.CLASSIFICATION,
            "wine", Task.CLASSIFICATION,
            "breast_cancer", Task.CLASSIFICATION,
            "digits", Task.CLASSIFICATION,
            "diabetes", Task.REGRESSION);
    /** Rows of the generated sets. */
    static final int GENERATED_ROWS = 4000;

    private Datasets() {
    }

    /** Every dataset name {@link #load} accepts, shipped ones first. */
    public static List<String> names() {
        return List.of("iris", "wine", "breast_cancer", "digits", "diabetes", "blobs", "friedman");
    }

    /**
     * The dataset {@code name}: a shipped CSV, or a generated set ({@code blobs}: 4 Gaussian classes in
     * 20 dimensions; {@code friedman}: Friedman's #1 regression function of 10 inputs with noise), made
     * from {@code seed}.
     */
    public static Table load(String name, long seed) {
        if (SHIPPED.containsKey(name)) {
            return readCsv(name, SHIPPED.get(name));
        }
        return switch (name) {
            case "blobs" -> blobs(GENERATED_ROWS, 20, 4, seed);
            case "friedman" -> friedman(GENERATED_ROWS, seed);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'; valid: " + String.join(", ", names()));
        };
    }

    /** The task of dataset {@code name} without loading it. */
    public static Task task(String name) {
        if (SHIPPED.containsKey(name)) {
            return SHIPPED.get(name);
        }
        return switch (name) {
            case "blobs" -> Task.CLASSIFICATION;
            case "friedman" -> Task.REGRESSION;
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'; valid: " + String.join(", ", names()));
        };
    }

    /**
     * Loads {@code name}, shuffles it with {@code seed}, keeps {@code testFraction} of it as the test
     * part (of every class, for classification: a stratified split), and standardises features (and a regression target) with the training part's mean and
     * standard deviation.
     */
    public static Split split(String name, double testFraction, long seed) {
        return split(load(name, seed), testFraction, seed);
    }

    public static Split split(Table table, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        int[] order = permutation(table.rows(), new SplittableRandom(seed));
        List<Integer> test = new ArrayList<>();
        List<Integer> train = new ArrayList<>();
        if (table.task() == Task.CLASSIFICATION) {
            // stratified: each class keeps its share in both parts
            for (int c = 0; c < table.outputs(); c++) {
                List<Integer> members = new ArrayList<>();
                for (int i : order) {
                    if (table.label(i) == c) {
                        members.add(i);
                    }
                }
                int nTest = (int) Math.round(members.size() * testFraction);
                test.addAll(members.subList(0, nTest));
                train.addAll(members.subList(nTest, members.size()));
            }
        } else {
            int nTest = (int) Math.round(table.rows() * testFraction);
            for (int k = 0; k < order.length; k++) {
                (k < nTest ? test : train).add(order[k]);
            }
        }
        Table trainPart = table.select(shuffled(train, seed), "");
        Table testPart = table.select(test.stream().mapToInt(Integer::intValue).toArray(), "");
        Standardiser.fit(trainPart.x()).apply(trainPart.x(), testPart.x());
        if (table.task() == Task.REGRESSION) {
            Standardiser.fitColumn(trainPart.y()).applyColumn(trainPart.y(), testPart.y());
        }
        return new Split(table.name(), trainPart, testPart);
    }

    /** The indices in a seeded random order (so that the training part is not sorted by class). */
    private static int[] shuffled(List<Integer> indices, long seed) {
        int[] p = permutation(indices.size(), new SplittableRandom(seed + 1));
        int[] out = new int[p.length];
        for (int k = 0; k < p.length; k++) {
            out[k] = indices.get(p[k]);
        }
        return out;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The four XOR points, (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0, as a binary classification table. */
    public static Table xor() {
        return new Table("xor", Task.CLASSIFICATION,
                new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new double[] {0, 1, 1, 0}, List.of("0", "1"));
    }

    /** {@code classes} isotropic Gaussian clusters (σ = 1.5) around random centres in [-3, 3]^d. */
    static Table blobs(int rows, int dims, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] centres = new double[classes][dims];
        for (double[] c : centres) {
            for (int j = 0; j < dims; j++) {
                c[j] = rng.nextDouble(-3, 3);
            }
        }
        double[][] x = new double[rows][dims];
        double[] y = new double[rows];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("c" + k);
        }
        for (int i = 0; i < rows; i++) {
            int k = i % classes;
            y[i] = k;
            for (int j = 0; j < dims; j++) {
                x[i][j] = centres[k][j] + 1.5 * gaussian(rng);
            }
        }
        return new Table("blobs", Task.CLASSIFICATION, x, y, names);
    }

    /**
     * Friedman (1991) #1: y = 10 sin(π x1 x2) + 20 (x3 − 0.5)² + 10 x4 + 5 x5 + N(0, 1), with
     * x uniform on [0, 1]^10 (the last five inputs are noise).
     */
    static Table friedman(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[rows][10];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 10; j++) {
                x[i][j] = rng.nextDouble();
            }
            double[] v = x[i];
            y[i] = 10 * Math.sin(Math.PI * v[0] * v[1]) + 20 * (v[2] - 0.5) * (v[2] - 0.5) + 10 * v[3] + 5 * v[4]
                    + gaussian(rng);
        }
        return new Table("friedman", Task.REGRESSION, x, y, List.of());
    }

    /** A standard normal draw (Box–Muller). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static Table readCsv(String name, Task task) {
        String resource = name + ".csv";
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dataset resource " + resource + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            List<double[]> rows = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                double[] f = new double[cells.length - 1];
                for (int j = 0; j < f.length; j++) {
                    f[j] = Double.parseDouble(cells[j]);
                }
                rows.add(f);
                targets.add(cells[cells.length - 1].trim());
            }
            double[][] x = rows.toArray(new double[0][]);
            double[] y = new double[x.length];
            List<String> classes = List.of();
            if (task == Task.CLASSIFICATION) {
                classes = new ArrayList<>(new TreeSet<>(targets));
                for (int i = 0; i < y.length; i++) {
                    y[i] = classes.indexOf(targets.get(i));
                }
            } else {
                for (int i = 0; i < y.length; i++) {
                    y[i] = Double.parseDouble(targets.get(i));
                }
            }
            return new Table(name, task, x, y, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + resource, e);
        }
    }
}
