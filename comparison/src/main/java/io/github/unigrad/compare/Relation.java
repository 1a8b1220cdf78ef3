package io.github.unigrad.compare;

/** How the built-in a Unigrad component is run against relates to it. */
public enum Relation {
    /** The same rule, configured alike: the two runs should agree to rounding (or a documented difference). */
    TWIN("twin"),
    /** The same rule with different numbers (a user's spec): the runs should be close, not identical. */
    SAME_RULE("same rule"),
    /** No built-in exists: the nearest built-in, to show what the Unigrad entry changes. */
    NEAREST("nearest built-in"),
    /** A loss or optimiser the user named, against the model as configured: a candidate, no parity expected. */
    ALTERNATIVE("alternative");

    private final String display;

    Relation(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
