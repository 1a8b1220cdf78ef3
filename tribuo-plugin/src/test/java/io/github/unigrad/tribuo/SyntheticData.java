package io.github.unigrad.tribuo;

import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Seeded synthetic classification data for Tribuo, dense or sparse, used by the plugin's tests and
 * by the benchmarks (published in the plugin's test-jar).
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /**
     * {@code examples} examples with {@code active} distinct Gaussian features out of {@code features}
     * (all of them, in order, when {@code active == features}: dense data), each labelled {@code c<k>}
     * by the arg-max {@code k} of a fixed random linear function of its features.
     */
    public static Dataset<Label> classification(long seed, int examples, int features, int active, int classes) {
        return classification(seed, examples, features, active, classes, features);
    }

    /**
     * As {@link #classification(long, int, int, int, int)}, with a sparse truth: the linear function
     * depends on the first {@code relevant} features only, the others are noise (a task where an L1
     * penalty should zero most weights without losing accuracy).
     */
    public static Dataset<Label> classification(long seed, int examples, int features, int active, int classes,
                                                int relevant) {
        if (active > features || classes < 2 || relevant < 1 || relevant > features) {
            throw new IllegalArgumentException("need active <= features, classes >= 2 and 1 <= relevant <= features, got "
                    + active + " active and " + relevant + " relevant of " + features + " features and " + classes
                    + " classes");
        }
        Random rng = new Random(seed);
        double[][] w = new double[classes][features];
        for (double[] row : w) {
            for (int j = 0; j < features; j++) {
                row[j] = rng.nextGaussian() * (j < relevant ? 1 : 0);
            }
        }
        String[] allNames = new String[features];
        for (int j = 0; j < features; j++) {
            allNames[j] = String.format("f%06d", j);
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("synthetic", OffsetDateTime.parse("2026-01-01T00:00:00Z"), factory), factory);
        boolean dense = active == features;
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < examples; i++) {
            String[] names = new String[active];
            double[] values = new double[active];
            double[] score = new double[classes];
            used.clear();
            for (int a = 0; a < active; a++) {
                int j = dense ? a : rng.nextInt(features);
                while (!dense && !used.add(j)) {
                    j = rng.nextInt(features);
                }
                names[a] = allNames[j];
                values[a] = rng.nextGaussian();
                for (int c = 0; c < classes; c++) {
                    score[c] += w[c][j] * values[a];
                }
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = score[c] > score[best] ? c : best;
            }
            data.add(new ArrayExample<>(factory.generateOutput("c" + best), names, values));
        }
        return data;
    }
}
