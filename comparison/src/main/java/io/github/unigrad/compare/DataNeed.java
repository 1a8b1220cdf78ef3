package io.github.unigrad.compare;

import io.github.unigrad.compare.data.Datasets;
import io.github.unigrad.compare.data.Task;

import java.util.List;
import java.util.Optional;

/** The kind of data a comparison needs, and the dataset it runs on by default. */
public enum DataNeed {
    /** Two or more classes. */
    CLASSES("iris"),
    /** Exactly two classes. */
    TWO_CLASSES("breast_cancer"),
    /** A real target. */
    REAL("diabetes");

    private static final List<String> BINARY = List.of("breast_cancer");

    private final String defaultDataset;

    DataNeed(String defaultDataset) {
        this.defaultDataset = defaultDataset;
    }

    public boolean accepts(String dataset) {
        return switch (this) {
            case CLASSES -> Datasets.task(dataset) == Task.CLASSIFICATION;
            case TWO_CLASSES -> BINARY.contains(dataset);
            case REAL -> Datasets.task(dataset) == Task.REGRESSION;
        };
    }

    /**
     * The dataset to run on: the first of {@code chosen} that fits, or, when nothing was chosen,
     * {@code preferred} (or this need's default); empty when the chosen ones do not fit.
     */
    public Optional<String> pick(List<String> chosen, String preferred) {
        if (chosen.isEmpty()) {
            return Optional.of(preferred != null ? preferred : defaultDataset);
        }
        return chosen.stream().filter(this::accepts).findFirst();
    }

    public String describe() {
        return switch (this) {
            case CLASSES -> "a classification dataset";
            case TWO_CLASSES -> "a two-class dataset (breast_cancer)";
            case REAL -> "a regression dataset";
        };
    }
}
