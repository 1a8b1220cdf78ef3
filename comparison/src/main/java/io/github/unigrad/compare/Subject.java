package io.github.unigrad.compare;

/** What a comparison varies: the loss (optimiser fixed) or the optimiser (loss fixed). */
public enum Subject {
    LOSS("loss"),
    OPTIMISER("optimiser");

    private final String display;

    Subject(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /** The part both runs share when this one is compared. */
    public String other() {
        return this == LOSS ? OPTIMISER.display : LOSS.display;
    }
}
