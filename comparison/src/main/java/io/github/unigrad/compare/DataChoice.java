package io.github.unigrad.compare;

import io.github.unigrad.compare.data.DataSource;

import java.util.List;
import java.util.Optional;

/**
 * The data a run may use: a source and the dataset names chosen from it (none: each comparison takes
 * its own default from the shipped sets).
 */
public record DataChoice(DataSource source, List<String> chosen) {

    public DataChoice {
        chosen = List.copyOf(chosen);
    }

    /** The shipped datasets, each comparison on its default one. */
    public static DataChoice shippedDefaults() {
        return new DataChoice(DataSource.shipped(), List.of());
    }

    /**
     * The dataset a comparison that needs {@code need} runs on: the first chosen one that fits, or, when
     * nothing was chosen, {@code preferred} (or the need's default); empty when the chosen ones do not fit.
     */
    public Optional<String> pick(DataNeed need, String preferred) {
        if (chosen.isEmpty()) {
            return Optional.of(preferred != null ? preferred : need.defaultDataset());
        }
        return chosen.stream().filter(d -> need.accepts(source, d)).findFirst();
    }
}
