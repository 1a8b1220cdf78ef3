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
     * output). Callers take {@code log p_j} as {@code x[o+j] - lse}, exact where {@code p_j} underflows.
     */
    static double softmax(double[] x, int o, int n, double[] p, int po) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[o + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(x[o + j] - max);
            p[po + j] = e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            p[po + j] /= sum;
        }
        return max + Math.log(sum);
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
