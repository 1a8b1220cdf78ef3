package io.github.unigrad.compare.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where comparisons find their data, by name: the shipped and generated sets ({@link #shipped()}), or one
 * table of the user's ({@link #of(Table)}).
 */
public interface DataSource {

    /** The names this source knows. */
    List<String> names();

    /** The task of dataset {@code name}. */
    Task task(String name);

    /** The number of classes of dataset {@code name} (1 for regression). */
    int outputs(String name);

    /**
     * Dataset {@code name} cut into a training and a test part (stratified for classification) and
     * standardised with the training part's statistics; see {@link Datasets#split(Table, double, long)}.
     */
    default Split split(String name, double testFraction, long seed) {
        return Datasets.split(table(name, seed), testFraction, seed);
    }

    /** Dataset {@code name}; a generated set is made from {@code seed}. */
    Table table(String name, long seed);

    /** The datasets shipped with the runner and the generated ones (see {@link Datasets}). */
    static DataSource shipped() {
        Map<String, Integer> outputs = new HashMap<>();
        return new DataSource() {
            @Override
            public List<String> names() {
                return Datasets.names();
            }

            @Override
            public Task task(String name) {
                return Datasets.task(name);
            }

            @Override
            public int outputs(String name) {
                return outputs.computeIfAbsent(name, n -> Datasets.load(n, 0).outputs());
            }

            @Override
            public Table table(String name, long seed) {
                return Datasets.load(name, seed);
            }
        };
    }

    /** One table, under its own name. */
    static DataSource of(Table table) {
        return new DataSource() {
            @Override
            public List<String> names() {
                return List.of(table.name());
            }

            @Override
            public Task task(String name) {
                return table(name, 0).task();
            }

            @Override
            public int outputs(String name) {
                return table(name, 0).outputs();
            }

            @Override
            public Table table(String name, long seed) {
                if (!name.equals(table.name())) {
                    throw new IllegalArgumentException("unknown dataset '" + name + "'; valid: " + table.name());
                }
                return table;
            }
        };
    }
}
