package io.github.unigrad.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fisher's iris data (150 × 4, three species; UCI Machine Learning Repository, CC BY 4.0), shipped as
 * {@code iris.csv} in the test resources, with its rows shuffled by a fixed seed and every feature standardised to
 * mean 0, variance 1. Two tasks: the species (one-hot, 3 columns) from the four measurements, and the petal width
 * from the other three measurements (regression).
 */
final class Iris {
    static final int ROWS = 150;
    static final int MEASUREMENTS = 4;
    static final int SPECIES = 3;
    private static final int PETAL_WIDTH = 3;

    private final double[][] measurements;
    private final int[] species;

    private Iris(double[][] measurements, int[] species) {
        this.measurements = measurements;
        this.species = species;
    }

    static Iris load(long shuffleSeed) {
        List<String> speciesNames = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream in = Iris.class.getResourceAsStream("/iris.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                double[] row = new double[MEASUREMENTS];
                for (int j = 0; j < MEASUREMENTS; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
                if (!speciesNames.contains(cells[MEASUREMENTS])) {
                    speciesNames.add(cells[MEASUREMENTS]);
                }
                rows.add(row);
                labels.add(speciesNames.indexOf(cells[MEASUREMENTS]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.size() != ROWS || speciesNames.size() != SPECIES) {
            throw new IllegalStateException("iris.csv: expected " + ROWS + " rows of " + SPECIES + " species, found "
                    + rows.size() + " rows of " + speciesNames);
        }
        int[] order = shuffledIndices(ROWS, new Random(shuffleSeed));
        double[][] measurements = new double[ROWS][];
        int[] species = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            measurements[i] = rows.get(order[i]);
            species[i] = labels.get(order[i]);
        }
        standardise(measurements);
        return new Iris(measurements, species);
    }

    /** The species task in consecutive minibatches of {@code batchSize} rows (double precision). */
    List<DataSet> speciesBatches(int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < ROWS; start += batchSize) {
            int rows = Math.min(batchSize, ROWS - start);
            double[][] x = new double[rows][];
            double[][] y = new double[rows][SPECIES];
            for (int i = 0; i < rows; i++) {
                x[i] = measurements[start + i].clone();
                y[i][species[start + i]] = 1;
            }
            batches.add(dataSet(x, y));
        }
        return batches;
    }

    /** The petal width (standardised) from the other three measurements, in minibatches of {@code batchSize}. */
    List<DataSet> petalWidthBatches(int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < ROWS; start += batchSize) {
            int rows = Math.min(batchSize, ROWS - start);
            double[][] x = new double[rows][MEASUREMENTS - 1];
            double[][] y = new double[rows][1];
            for (int i = 0; i < rows; i++) {
                double[] row = measurements[start + i];
                System.arraycopy(row, 0, x[i], 0, PETAL_WIDTH);
                y[i][0] = row[PETAL_WIDTH];
            }
            batches.add(dataSet(x, y));
        }
        return batches;
    }

    private static DataSet dataSet(double[][] x, double[][] y) {
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    private static int[] shuffledIndices(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void standardise(double[][] rows) {
        for (int j = 0; j < MEASUREMENTS; j++) {
            double mean = 0;
            for (double[] row : rows) {
                mean += row[j];
            }
            mean /= rows.length;
            double variance = 0;
            for (double[] row : rows) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(variance / rows.length);
            for (double[] row : rows) {
                row[j] = (row[j] - mean) / sd;
            }
        }
    }
}
