package io.github.unigrad.compare;

import io.github.unigrad.compare.data.DataSource;
import io.github.unigrad.compare.data.Task;

/** The kind of data a comparison needs, and the shipped dataset it runs on by default. */
public enum DataNeed {
    /** Two or more classes. */
    CLASSES("iris"),
    /** Exactly two classes. */
    TWO_CLASSES("breast_cancer"),
    /** A real target. */
    REAL("diabetes");

    private final String defaultDataset;

    DataNeed(String defaultDataset) {
        this.defaultDataset = defaultDataset;
    }

    /** The shipped dataset a comparison with this need runs on when none was chosen. */
    public String defaultDataset() {
        return defaultDataset;
    }

    public boolean accepts(DataSource source, String dataset) {
        return switch (this) {
            case CLASSES -> source.task(dataset) == Task.CLASSIFICATION;
            case TWO_CLASSES -> source.task(dataset) == Task.CLASSIFICATION && source.outputs(dataset) == 2;
            case REAL -> source.task(dataset) == Task.REGRESSION;
        };
    }

    public String describe() {
        return switch (this) {
            case CLASSES -> "a classification dataset";
            case TWO_CLASSES -> "a two-class dataset";
            case REAL -> "a regression dataset";
        };
    }
}
