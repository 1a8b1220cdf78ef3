package io.github.unigrad.compare;

import java.util.Arrays;
import java.util.Locale;

/**
 * The wall time of every epoch of a run, and what can honestly be said from it. The first epoch is
 * left out of the summary (it pays for the JIT compiling the framework's code and for first-touch
 * allocations), unless it is the only one. The summary is the median of the other epochs, and the
 * spread their interquartile range (the middle half of the samples); two runs differ only when their
 * medians differ by more than the larger of the two spreads.
 *
 * @param millis the wall time of each epoch in milliseconds, in order (measurement of the loss excluded)
 */
public record EpochTimes(double[] millis) {

    public EpochTimes {
        millis = millis.clone();
    }

    @Override
    public double[] millis() {
        return millis.clone();
    }

    /** The epochs the summary uses: all after the first, or the first alone. */
    private double[] timed() {
        double[] t = millis.length > 1 ? Arrays.copyOfRange(millis, 1, millis.length) : millis.clone();
        Arrays.sort(t);
        return t;
    }

    /** How many epochs the summary uses. */
    public int timedEpochs() {
        return Math.max(0, millis.length > 1 ? millis.length - 1 : millis.length);
    }

    /** The median wall time of the timed epochs in ms; NaN with none. */
    public double median() {
        return quantile(timed(), 0.5);
    }

    /** The interquartile range of the timed epochs in ms (0 with one epoch, NaN with none). */
    public double spread() {
        double[] t = timed();
        return quantile(t, 0.75) - quantile(t, 0.25);
    }

    /**
     * True when the medians of this run and {@code other} differ by no more than the larger of their
     * spreads, or when either has fewer than three timed epochs (too few to tell).
     */
    public boolean withinNoise(EpochTimes other) {
        if (timedEpochs() < 3 || other.timedEpochs() < 3) {
            return true;
        }
        return Math.abs(median() - other.median()) <= Math.max(spread(), other.spread());
    }

    /** Linear interpolation between the closest ranks (type 7 of Hyndman and Fan, the default of R and NumPy). */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The summary as the tables print it, e.g. {@code 12.3 ± 1.4} (median ± half the interquartile range). */
    public String describe() {
        if (millis.length == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f ± %.1f", median(), spread() / 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochTimes t && Arrays.equals(millis, t.millis);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(millis);
    }

    @Override
    public String toString() {
        return "EpochTimes[median=" + describe() + " ms over " + timedEpochs() + " timed epochs, all=" + Arrays.toString(millis) + "]";
    }
}
