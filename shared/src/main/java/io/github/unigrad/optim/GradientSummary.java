package io.github.unigrad.optim;

/**
 * What some transforms must know of the whole gradient before the pass over it: its squared L2 norm
 * (clipping by global norm) and whether every entry is finite (skipping bad steps). The adapter
 * feeds every piece of the gradient through {@link #add} before {@link Optimiser#begin}.
 */
public final class GradientSummary {
    private double sumOfSquares;
    private boolean finite = true;

    public GradientSummary add(double[] u, int offset, int length) {
        double s = 0;
        for (int k = offset, end = offset + length; k < end; k++) {
            s += u[k] * u[k];
        }
        return addSumOfSquares(s);
    }

    public GradientSummary add(float[] u, int offset, int length) {
        double s = 0;
        for (int k = offset, end = offset + length; k < end; k++) {
            s += (double) u[k] * u[k];
        }
        return addSumOfSquares(s);
    }

    /** Adds a piece's sum of squares computed elsewhere (a NaN or infinite entry makes it non-finite). */
    public GradientSummary addSumOfSquares(double s) {
        sumOfSquares += s;
        if (!Double.isFinite(s)) {
            finite = false;
        }
        return this;
    }

    public double norm() {
        return Math.sqrt(sumOfSquares);
    }

    public boolean isFinite() {
        return finite;
    }
}
