package io.github.unigrad.compare.data;

/** What a dataset's target is: a class (two or more) or a real value. */
public enum Task {
    CLASSIFICATION,
    REGRESSION
}
