package io.github.unigrad.loss;

/**
 * The numerically stable pieces the losses share: softplus / log-sigmoid, the sigmoid, a row's
 * log-sum-exp and log-softmax, clipping and label smoothing. Each is exact (to rounding) over the whole
 * double range: no overflow for large arguments, no {@code log(0)} where a probability underflows.
 */
final class Numerics {
    private Numerics() {
    }

    /** {@code log(1 + e^x)}, computed as {@code max(x, 0) + log1p(e^-|x|)}; so {@code log σ(x) = -softplus(-x)}. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** {@code σ(x) = 1 / (1 + e^-x)}, without overflow for either sign (and exact as it underflows). */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * Writes {@code out[oo+j] = x[o+j] - lse} (the log-softmax of the row) and returns
     * {@code lse = log Σ_j e^{x[o+j]}}, computed as {@code max + log Σ e^{x - max}}.
     */
    static double logSoftmax(double[] x, int o, int n, double[] out, int oo) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[o + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(x[o + j] - max);
        }
        double lse = max + Math.log(sum);
        for (int j = 0; j < n; j++) {
            out[oo + j] = x[o + j] - lse;
        }
        return lse;
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
