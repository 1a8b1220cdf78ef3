package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Hinge losses on per-output margins, with label {@code t ∈ {-1, +1}} and score {@code x}, {@code u = m - t x}:
 * <ul>
 *   <li>{@code hinge(margin)}: {@code f = max(0, u)}, {@code f' = -t} where {@code u > 0}, else 0
 *       (Cortes &amp; Vapnik 1995; DL4J's LossHinge at {@code margin = 1}, targets ±1);</li>
 *   <li>{@code squared_hinge(margin)}: {@code f = max(0, u)²}, {@code f' = -2 t u} where {@code u > 0}, else 0
 *       (DL4J's LossSquaredHinge at {@code margin = 1}, targets ±1);</li>
 *   <li>{@code multilabel_hinge(margin)}: the hinge with targets 0/1, read as {@code t = 2y - 1}, one
 *       independent binary problem per output (Tribuo's multi-label Hinge, {@code margin} default 1, whose
 *       returned vector is this gradient negated).</li>
 * </ul>
 * At the margin ({@code u = 0}) the subgradient 0 is returned, exactly as DL4J (its mask maps {@code u = 0}
 * to 0) and Tribuo ({@code score < margin} is strict) do. Summed over outputs, as both frameworks do, or
 * averaged with {@code outputs=mean} (Keras). A NaN score gives a NaN value and gradient (the {@code max} is
 * {@link Math#max}, which keeps NaN). Domain: predictions any real; targets exactly ±1 (0/1 for multilabel_hinge),
 * checked.
 *
 * <p>{@code labels=auto} ({@code hinge} and {@code squared_hinge}) reads the labels as Keras does: when every
 * target of the batch is 0 or 1 they are taken as {@code t = 2y - 1}, otherwise as they are (any real, not
 * checked). The rule looks at the whole batch, so such a loss is {@linkplain #isBatchCoupled() batch-coupled}
 * (evaluated as one block). Keras' {@code hinge} is {@code hinge(labels=auto, outputs=mean)}, its
 * {@code squared_hinge} {@code squared_hinge(labels=auto, outputs=mean)} (Keras' {@code convert_binary_labels}).
 */
public final class Hinge extends ElementwiseLoss {
    /** How the targets are read. */
    public enum Labels {
        /** Targets exactly -1 or +1 (checked). */
        SIGNS,
        /** Keras' rule: a batch of 0/1 targets is read as ±1, any other batch as it is. */
        AUTO
    }

    private final boolean squared;
    private final boolean zeroOneTargets;
    private final Labels labels;
    private final double margin;

    /**
     * @param zeroOneTargets the multi-label hinge (targets 0/1); {@code labels} must then be SIGNS
     * @param labels         how {@code hinge} and {@code squared_hinge} read their targets
     */
    public Hinge(boolean squared, boolean zeroOneTargets, Labels labels, double margin, boolean meanOverOutputs,
                 double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, meanOverOutputs);
        if (zeroOneTargets && labels != Labels.SIGNS) {
            throw new IllegalArgumentException("multilabel_hinge reads 0/1 targets; labels = " + labels
                    + " applies to hinge and squared_hinge only");
        }
        this.squared = squared;
        this.zeroOneTargets = zeroOneTargets;
        this.labels = labels;
        this.margin = margin;
    }

    @Override
    public boolean isBatchCoupled() {
        return labels == Labels.AUTO;
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        if (labels == Labels.AUTO) {
            return;
        }
        double a = zeroOneTargets ? 0 : -1;
        double[] t = batch.targets();
        for (int k = 0; k < t.length; k++) {
            if (t[k] != a && t[k] != 1 && !isMasked(batch, k)) {
                throw outOfDomain(batch, k, zeroOneTargets ? "targets 0 or 1" : "targets -1 or +1");
            }
        }
    }

    @Override
    protected LossBatch prepare(LossBatch batch) {
        if (labels != Labels.AUTO) {
            return batch;
        }
        double[] t = batch.targets();
        for (double v : t) {
            if (v != 0 && v != 1) {
                return batch;
            }
        }
        double[] signs = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            signs[k] = 2 * t[k] - 1;
        }
        return batch.withTargets(signs);
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double t = zeroOneTargets ? 2 * y[yo + j] - 1 : y[yo + j];
            double h = Math.max(margin - t * x[xo + j], 0); // Math.max keeps a NaN score: NaN in, NaN out
            v[j] = squared ? h * h : h;
            g[go + j] = (squared ? -2 * t * h : -t * Math.signum(h)) + 0.0; // + 0.0: no -0 where the hinge is flat
        }
    }

    @Override
    public Spec spec() {
        String name = zeroOneTargets ? "multilabel_hinge" : squared ? "squared_hinge" : "hinge";
        Spec spec = Spec.of(name).with("margin", margin);
        return withWeights(withOutputs(labels == Labels.AUTO ? spec.with("labels", labels) : spec));
    }
}
