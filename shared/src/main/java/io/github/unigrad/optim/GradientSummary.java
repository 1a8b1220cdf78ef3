package io.github.unigrad.optim;

/**
 * What some transforms must know of the whole gradient before the pass over it: its L2 norm
 * (clipping by global norm) and whether every entry is finite (skipping bad steps). The adapter
 * feeds every piece of the gradient through {@link #add} before {@link Optimiser#begin}.
 *
 * <p>The norm is overflow- and underflow-safe, as BLAS {@code dnrm2} is: the squared norm is kept as
 * {@code scale² · scaledSquares}. A piece whose plain sum of squares {@code Σ u²} lies in
 * {@code [2^-900, 2^900]} (every gradient of ordinary size) is added as it is, in one pass; a piece whose sum
 * overflows or underflows is summed a second time as {@code max|u|² · Σ (u / max|u|)²}. So finite entries
 * above {@code 1e154} give the finite norm (and are not reported as non-finite), and entries below
 * {@code 1e-160} give their norm, not 0. Only a NaN or infinite entry makes the gradient non-finite. Float
 * pieces never need the second pass (a float squared stays within double's range).
 */
public final class GradientSummary {
    private static final double TINY = 0x1p-900;
    private static final double HUGE = 0x1p900;
    /** The squared norm of the finite pieces is {@code scale² · scaledSquares} (the largest scale so far; 0 while none). */
    private double scale;
    private double scaledSquares;
    /** The sum of squares of the non-finite pieces (infinite or NaN), 0 while there are none. */
    private double nonFinite;
    private boolean finite = true;

    public GradientSummary add(double[] u, int offset, int length) {
        int end = offset + length;
        double s = 0;
        for (int k = offset; k < end; k++) {
            s += u[k] * u[k];
        }
        if (s >= TINY && s <= HUGE) {
            return accumulate(1, s);
        }
        double max = 0;
        for (int k = offset; k < end; k++) {
            max = Math.max(max, Math.abs(u[k]));
        }
        if (!(max < Double.POSITIVE_INFINITY)) {
            return addNonFinite(s);
        }
        if (max == 0) {
            return this;
        }
        double r = 0;
        for (int k = offset; k < end; k++) {
            double q = u[k] / max;
            r += q * q;
        }
        return accumulate(max, r);
    }

    public GradientSummary add(float[] u, int offset, int length) {
        double s = 0;
        for (int k = offset, end = offset + length; k < end; k++) {
            s += (double) u[k] * u[k];
        }
        return Double.isFinite(s) ? accumulate(1, s) : addNonFinite(s);
    }

    private GradientSummary addNonFinite(double s) {
        nonFinite += s;
        finite = false;
        return this;
    }

    /** Adds {@code a² · r} to the squared norm, rescaling the running sum when {@code a} is the larger scale. */
    private GradientSummary accumulate(double a, double r) {
        if (a > scale) {
            double ratio = scale / a;
            scaledSquares = scaledSquares * (ratio * ratio) + r;
            scale = a;
        } else {
            double ratio = a / scale;
            scaledSquares += r * (ratio * ratio);
        }
        return this;
    }

    /** The L2 norm of the gradient: infinite or NaN when an entry is; {@code +inf} only when the norm exceeds the double range. */
    public double norm() {
        return finite ? scale * Math.sqrt(scaledSquares) : Math.sqrt(nonFinite);
    }

    /**
     * {@code min(1, max / ‖g‖)}, the factor that brings the gradient's norm down to {@code max}, computed as
     * {@code (max / scale) / √scaledSquares}: finite and correct even when the norm itself exceeds the double range.
     * 1 for a non-finite gradient (nothing sensible to clip).
     */
    public double clipFactor(double max) {
        if (!finite) {
            return 1.0;
        }
        double f = max / scale / Math.sqrt(scaledSquares);
        return f < 1 ? f : 1.0;
    }

    public boolean isFinite() {
        return finite;
    }
}
