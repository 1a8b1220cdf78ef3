package io.github.unigrad.loss;

/**
 * Reading classification targets, which come in two layouts: dense (one column per class: one-hot or
 * a probability distribution) or one class index per example (targetCols 1, as DL4J's
 * LossSparseMCXENT, PyTorch's {@code CrossEntropyLoss} with integer targets, and Tribuo's label ids).
 */
final class ClassTargets {
    /** No ignored class. */
    static final int NONE = Integer.MIN_VALUE;

    private ClassTargets() {
    }

    /** Whether the batch gives one class index per example rather than a dense row. */
    static boolean indices(LossBatch b) {
        return b.targetCols() == 1 && b.cols() > 1;
    }

    /**
     * Checks every unmasked example's targets: dense entries in [0, 1]; indices whole numbers in
     * [0, classes) or equal to {@code ignoreIndex}. The error names the example, output and value.
     */
    static void check(AbstractLoss loss, LossBatch b, int ignoreIndex) {
        double[] t = b.targets();
        if (!indices(b)) {
            for (int k = 0; k < t.length; k++) {
                if (!(t[k] >= 0 && t[k] <= 1) && !AbstractLoss.isMasked(b, k)) {
                    throw loss.outOfDomain(b, k, "dense targets in [0, 1] (one-hot or probabilities), or one class index"
                            + " per example");
                }
            }
            return;
        }
        for (int i = 0; i < b.rows(); i++) {
            double c = t[i];
            boolean valid = c == Math.rint(c) && (c >= 0 && c < b.cols() || c == ignoreIndex);
            if (!valid && b.weight(i) != 0) {
                throw loss.outOfDomain(b, i, "a class index in [0, " + (b.cols() - 1) + "]"
                        + (ignoreIndex == NONE ? "" : " or the ignore index " + ignoreIndex));
            }
        }
    }

    /**
     * Fills {@code q[0, classes)} with example {@code i}'s target distribution, label-smoothed by
     * {@code smoothing} ({@link Numerics#smooth}); returns false (and leaves {@code q} alone) when the
     * example's class index is {@code ignoreIndex}.
     */
    static boolean distribution(LossBatch b, int i, int ignoreIndex, double smoothing, double[] q) {
        int k = b.cols();
        double[] t = b.targets();
        if (indices(b)) {
            int c = (int) t[i];
            if (c == ignoreIndex) {
                return false;
            }
            for (int j = 0; j < k; j++) {
                q[j] = Numerics.smooth(j == c ? 1 : 0, smoothing, k);
            }
        } else {
            for (int j = 0; j < k; j++) {
                q[j] = Numerics.smooth(t[i * k + j], smoothing, k);
            }
        }
        return true;
    }

    /** The class of example {@code i}: its index, or the first largest entry of its dense target row. */
    static int trueClass(LossBatch b, int i) {
        return indices(b) ? (int) b.targets()[i] : Numerics.argmax(b.targets(), i * b.cols(), b.cols());
    }
}
