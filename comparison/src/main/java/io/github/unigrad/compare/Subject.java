package io.github.unigrad.compare;

/** What a comparison varies: the loss (optimiser fixed) or the optimiser (loss fixed). */
public enum Subject {
    LOSS("loss"),
    OPTIMISER("optimiser"),
    /** Both: every built-in loss and optimiser of a model replaced by its twin. */
    BOTH("loss and optimiser");

    private final String display;

    Subject(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /** The part both runs share when this one is compared ("" for {@link #BOTH}). */
    public String other() {
        return switch (this) {
            case LOSS -> OPTIMISER.display;
            case OPTIMISER -> LOSS.display;
            case BOTH -> "";
        };
    }
}
