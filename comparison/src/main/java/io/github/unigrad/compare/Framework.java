package io.github.unigrad.compare;

/** The host frameworks the runner compares in. */
public enum Framework {
    DL4J("DL4J"),
    TRIBUO("Tribuo");

    private final String display;

    Framework(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
