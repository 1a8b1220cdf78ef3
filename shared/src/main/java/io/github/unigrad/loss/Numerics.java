package io.github.unigrad.loss;

/**
 * The numerically stable pieces the losses share: softplus / log-sigmoid, the sigmoid, a row's
 * log-sum-exp and log-softmax, clipping and label smoothing. Each is exact (to rounding) over the whole
 * double range: no overflow for large arguments, no {@code log(0)} where a probability underflows.
 */
final class Numerics {
    private Numerics() {
    }

    /**
     * The logistic pieces of a logit {@code z} share one exponential, {@code e = e^{-|z|}} (never overflows):
     * {@code softplus(±z) = log(1 + e^{±z}) = max(±z, 0) + log1p(e)} and this, {@code σ(z) = 1/(1 + e^{-z})},
     * as {@code 1/(1 + e)} or {@code e/(1 + e)} by the sign of z. Each is exact to rounding where the other
     * underflows ({@code σ(-50) = 1.9e-22}, {@code softplus(-50) = 1.9e-22}, not 0).
     */
    static double sigmoid(double z, double expNegAbs) {
        return (z >= 0 ? 1 : expNegAbs) / (1 + expNegAbs);
    }

    /**
     * {@code log(1 + e)} for {@code e ≥ 0}, to within a few ulps, as {@code log(u) · e / (u - 1)} with
     * {@code u = 1 + e} (Kahan's trick, Goldberg 1991, "What every computer scientist should know about
     * floating-point arithmetic", thm. 4): the rounding of {@code u} cancels, and {@code Math.log} is an
     * intrinsic while {@code Math.log1p} is about twice as slow on the JDK. Used on {@code e = e^{-|z|}}.
     */
    static double log1p(double e) {
        double u = 1 + e;
        return u == 1 ? e : Math.log(u) * e / (u - 1);
    }

    /**
     * Writes the softmax of the row, {@code p[po+j] = e^{x[o+j] - lse}}, and returns
     * {@code lse = log Σ_j e^{x[o+j]}}, computed as {@code max + log Σ e^{x - max}} (one exponential per
     * output, by {@link #expBelowZero}). Callers take {@code log p_j} as {@code x[o+j] - lse}, exact where
     * {@code p_j} underflows.
     */
    static double softmax(double[] x, int o, int n, double[] p, int po) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = x[o + j];
            max = v > max ? v : max; // a NaN is skipped here, and makes the sum, so every p_j, NaN
        }
        double sum = expBelowZero(x, o, n, max, p, po);
        double scale = 1 / sum;
        for (int j = 0; j < n; j++) {
            p[po + j] *= scale;
        }
        return max + Math.log(sum);
    }

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split in a high part with trailing zero bits (so that {@code k · LN2_HI} is exact) and the rest. */
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;
    /** Below this, {@code e^t} is 0 in double (it is below half the least subnormal). */
    private static final double EXP_FLOOR = -745.2;
    /**
     * Rows shorter than this are exponentiated with {@code Math.exp} (measured on 10-wide softmax rows:
     * about 10% faster than the SIMD form, and as fast as the polynomial in one scalar loop).
     */
    static final int SHORT_ROW = 32;

    /**
     * {@code y[yo+j] = e^{x[o+j] - shift}} for {@code j < n}, returning their sum, for arguments
     * {@code x - shift ≤ 0} (a softmax shifted by its maximum); within 2 ulps of {@code Math.exp}.
     * {@code y[yo..yo+n)} must not overlap {@code x[o..o+n)}.
     *
     * <p>Cody and Waite's reduction, {@code t = k ln 2 + r} with {@code k = rint(t / ln 2)},
     * {@code |r| ≤ ln 2 / 2}, and {@code e^r} by its Taylor polynomial of degree 13 (remainder below
     * 5e-18) in Horner form with fused multiply-adds; then {@code e^t = e^r · 2^k}. The polynomial runs
     * in place on a copy of the row in {@code y}, with no call, no branch and one index, the form C2
     * compiles to SIMD instructions; a second loop builds {@code 2^k} from its bits (a step C2 does not
     * vectorise) and multiplies. About three times as fast as {@code Math.exp} per element. Where
     * {@code 2^k} would be subnormal ({@code t < -708}), {@code Math.exp} takes over, so tiny results
     * are exact too; {@code -∞} gives 0 and NaN gives NaN. Rows shorter than {@link #SHORT_ROW} take
     * {@code Math.exp} per element: their loops are too short for the SIMD form to pay.
     */
    static double expBelowZero(double[] x, int o, int n, double shift, double[] y, int yo) {
        if (n < SHORT_ROW) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double e = Math.exp(x[o + j] - shift);
                y[yo + j] = e;
                sum += e;
            }
            return sum;
        }
        System.arraycopy(x, o, y, yo, n);
        for (int j = yo; j < yo + n; j++) {
            double t = Math.max(y[j] - shift, EXP_FLOOR);
            double k = Math.rint(t * LOG2E);
            double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, t));
            double q = 1.0 / 6227020800.0;
            q = Math.fma(q, r, 1.0 / 479001600.0);
            q = Math.fma(q, r, 1.0 / 39916800.0);
            q = Math.fma(q, r, 1.0 / 3628800.0);
            q = Math.fma(q, r, 1.0 / 362880.0);
            q = Math.fma(q, r, 1.0 / 40320.0);
            q = Math.fma(q, r, 1.0 / 5040.0);
            q = Math.fma(q, r, 1.0 / 720.0);
            q = Math.fma(q, r, 1.0 / 120.0);
            q = Math.fma(q, r, 1.0 / 24.0);
            q = Math.fma(q, r, 1.0 / 6.0);
            q = Math.fma(q, r, 0.5);
            q = Math.fma(q, r, 1.0);
            y[j] = Math.fma(q, r, 1.0);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double t = Math.max(x[o + j] - shift, EXP_FLOOR);
            long k = (long) Math.rint(t * LOG2E);
            double e = k >= -1022 ? y[yo + j] * Double.longBitsToDouble((k + 1023) << 52) : Math.exp(x[o + j] - shift);
            y[yo + j] = e;
            sum += e;
        }
        return sum;
    }

    /** The first index of the largest of {@code x[o, o+n)} (ties go to the lower index, as Tribuo's indexOfMax). */
    static int argmax(double[] x, int o, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (x[o + j] > x[o + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * 0 for every {@code v} but NaN, NaN for NaN: {@code min(max(v, 0), 0)}, whose {@link Math#max} and {@link Math#min}
     * keep a NaN (while a comparison drops it). Added to a gradient that does not depend on {@code v}, it makes a NaN
     * input give a NaN gradient, without a branch and without turning infinities into NaN (as {@code 0 · v} would).
     */
    static double nanOrZero(double v) {
        return Math.min(Math.max(v, 0), 0);
    }

    /** {@link #nanOrZero} of a run: 0, or NaN when some {@code x[o, o+n)} is NaN (a max reduction, no branch). */
    static double nanOrZero(double[] x, int o, int n) {
        double m = 0;
        for (int j = o; j < o + n; j++) {
            m = Math.max(m, x[j]);
        }
        return Math.min(m, 0);
    }

    /** {@code v} clipped to {@code [low, high]}. */
    static double clip(double v, double low, double high) {
        return v < low ? low : v > high ? high : v;
    }

    /**
     * Label smoothing over {@code k} classes (Szegedy et al. 2016, "Rethinking the Inception
     * Architecture"): {@code (1 - ε) y + ε / k}; binary targets use {@code k = 2} (Keras' convention).
     */
    static double smooth(double y, double epsilon, int k) {
        return (1 - epsilon) * y + epsilon / k;
    }

    /** {@code y · log(x)} with the convention {@code 0 · log(anything) = 0} (PyTorch's xlogy). */
    static double xlogy(double y, double x) {
        return y == 0 ? 0 : y * Math.log(x);
    }
}
