package io.github.unigrad.compare.tribuo;

/** The Tribuo trainers the runner drives: linear SGD, and factorization machines. */
public enum ModelKind {
    /** {@code LinearSGDTrainer} (bias feature added). */
    LINEAR("linear SGD"),
    /** {@code FMClassificationTrainer} / {@code FMRegressionTrainer} (factor size 4, init variance 0.1, no bias feature). */
    FM("factorization machine");

    static final int FM_FACTORS = 4;
    static final double FM_VARIANCE = 0.1;

    private final String display;

    ModelKind(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /** Whether the trainer appends a constant bias feature to every feature vector. */
    boolean addsBias() {
        return this == LINEAR;
    }
}
