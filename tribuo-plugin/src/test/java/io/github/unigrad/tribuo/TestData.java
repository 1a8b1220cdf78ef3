package io.github.unigrad.tribuo;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Small real data sets (copied from the team's /work/shared/data: iris, diabetes) with standardised
 * features, and a seeded sparse generator, as Tribuo datasets.
 */
final class TestData {
    private TestData() {
    }

    /** Iris: 150 examples, 4 standardised features, 3 classes. */
    static Dataset<Label> iris() {
        return iris(1.0);
    }

    /** Iris with its standardised features multiplied by {@code scale}. */
    static Dataset<Label> iris(double scale) {
        Table t = Table.read("iris.csv").scaled(scale);
        LabelFactory f = new LabelFactory();
        return t.dataset(f, row -> f.generateOutput(row[t.cols]));
    }

    /** Iris as multi-label: the species, plus {@code long} when the sepal is longer than 5.8 cm. */
    static Dataset<MultiLabel> irisMultiLabel() {
        Table t = Table.read("iris.csv");
        MultiLabelFactory f = new MultiLabelFactory();
        return t.dataset(f, row -> f.generateOutput(Double.parseDouble(row[0]) > 5.8 ? row[t.cols] + ",long" : row[t.cols]));
    }

    /** Diabetes: 442 examples, 10 standardised features, the disease progression scaled by 1/100. */
    static Dataset<Regressor> diabetes() {
        Table t = Table.read("diabetes.csv");
        RegressionFactory f = new RegressionFactory();
        return t.dataset(f, row -> new Regressor("progression", Double.parseDouble(row[t.cols]) / 100));
    }

    /** Seeded sparse classification data; see {@link SyntheticData#classification}. */
    static Dataset<Label> sparseLabels(long seed, int examples, int features, int active, int classes) {
        return SyntheticData.classification(seed, examples, features, active, classes);
    }

    /** Gives every example of {@code data} a random weight in [0.5, 2). */
    static <T extends Output<T>> Dataset<T> randomlyWeighted(Dataset<T> data, long seed) {
        Random rng = new Random(seed);
        MutableDataset<T> copy = new MutableDataset<>(provenance("weighted", data.getOutputFactory()), data.getOutputFactory());
        for (Example<T> e : data) {
            Example<T> c = e.copy();
            c.setWeight((float) (0.5 + 1.5 * rng.nextDouble()));
            copy.add(c);
        }
        return copy;
    }

    private static <T extends Output<T>> SimpleDataSourceProvenance provenance(String name, OutputFactory<T> factory) {
        return new SimpleDataSourceProvenance(name, OffsetDateTime.parse("2026-01-01T00:00:00Z"), factory);
    }

    /** A numeric CSV whose last column is the target; features standardised to mean 0, deviation 1. */
    private record Table(String name, String[] header, List<String[]> rows, double[][] features, int cols) {

        static Table read(String resource) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    TestData.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
                String[] header = r.readLine().split(",");
                List<String[]> rows = new ArrayList<>();
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        rows.add(line.split(","));
                    }
                }
                int cols = header.length - 1;
                double[][] x = new double[rows.size()][cols];
                for (int j = 0; j < cols; j++) {
                    double mean = 0;
                    for (int i = 0; i < x.length; i++) {
                        x[i][j] = Double.parseDouble(rows.get(i)[j]);
                        mean += x[i][j] / x.length;
                    }
                    double var = 0;
                    for (double[] row : x) {
                        var += (row[j] - mean) * (row[j] - mean) / x.length;
                    }
                    double sd = Math.sqrt(var);
                    for (double[] row : x) {
                        row[j] = (row[j] - mean) / sd;
                    }
                }
                return new Table(resource, header, rows, x, cols);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Table scaled(double scale) {
            for (double[] row : features) {
                for (int j = 0; j < cols; j++) {
                    row[j] *= scale;
                }
            }
            return this;
        }

        <T extends Output<T>> Dataset<T> dataset(OutputFactory<T> factory, Function<String[], T> output) {
            MutableDataset<T> data = new MutableDataset<>(provenance(name, factory), factory);
            String[] names = java.util.Arrays.copyOf(header, cols);
            for (int i = 0; i < rows.size(); i++) {
                data.add(new ArrayExample<>(output.apply(rows.get(i)), names, features[i]));
            }
            return data;
        }
    }
}
