package io.github.unigrad.spec;

/**
 * An interval of allowed values for a real hyperparameter, with open or closed ends, printed in the
 * usual notation ({@code (0, inf)}, {@code [0, 1)}) in error messages.
 */
public record Range(double low, boolean lowClosed, double high, boolean highClosed) {
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    public static final Range POSITIVE = new Range(0, false, Double.POSITIVE_INFINITY, false);
    public static final Range NON_NEGATIVE = new Range(0, true, Double.POSITIVE_INFINITY, false);
    /** [0, 1): betas, decay rates, momentum. */
    public static final Range UNIT_HALF_OPEN = new Range(0, true, 1, false);
    /** [0, 1]. */
    public static final Range UNIT = new Range(0, true, 1, true);
    /** (0, 1). */
    public static final Range UNIT_OPEN = new Range(0, false, 1, false);

    public static Range closed(double low, double high) {
        return new Range(low, true, high, true);
    }

    public static Range atLeast(double low) {
        return new Range(low, true, Double.POSITIVE_INFINITY, false);
    }

    public static Range greaterThan(double low) {
        return new Range(low, false, Double.POSITIVE_INFINITY, false);
    }

    /** Whether {@code v} lies in the range; NaN never does. */
    public boolean contains(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        boolean aboveLow = lowClosed ? v >= low : v > low;
        boolean belowHigh = highClosed ? v <= high : v < high;
        return aboveLow && belowHigh;
    }

    @Override
    public String toString() {
        return (lowClosed ? "[" : "(") + Spec.formatNumber(low) + ", " + Spec.formatNumber(high) + (highClosed ? "]" : ")");
    }
}
