package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;

/**
 * Huber's loss and smooth L1, one function in two scalings ({@code d = x - y}, threshold {@code t}):
 * <ul>
 *   <li>{@code huber(delta)}: {@code ½ d²} for {@code |d| ≤ δ}, {@code δ (|d| - ½ δ)} beyond;
 *       {@code f' = d} inside, {@code δ sign(d)} beyond (Huber 1964; PyTorch's {@code HuberLoss}, Keras'
 *       {@code Huber}, Optax's {@code huber_loss}; Tribuo's regression Huber with {@code cost = δ}, default
 *       cost 5, whose logged value is the same and whose gradient is the same with the opposite sign).</li>
 *   <li>{@code smooth_l1(beta)}: {@code ½ d² / β} for {@code |d| < β}, {@code |d| - ½ β} beyond;
 *       {@code f' = d / β} inside, {@code sign(d)} beyond (Girshick 2015, "Fast R-CNN"; PyTorch's
 *       {@code SmoothL1Loss}). {@code smooth_l1(beta) = huber(delta=beta) / beta}; with {@code beta = 0} it is
 *       the absolute error, with subgradient 0 at {@code d = 0}.</li>
 * </ul>
 * Both are continuously differentiable at the threshold (the two pieces' slopes meet), so there is no
 * kink to choose a subgradient at, except smooth_l1's at {@code d = 0} when {@code beta = 0}. Summed over
 * outputs, or averaged with {@code outputs=mean} (Keras' {@code huber}: {@code huber(delta=1, outputs=mean)}).
 * Domain: any real values.
 */
public final class Huber extends ElementwiseLoss {
    private final boolean smooth;
    private final double threshold;
    private final double slope;
    private final double curvature;

    /**
     * @param smoothL1  the smooth-L1 scaling (divided by the threshold) rather than Huber's
     * @param threshold δ (≥ 0) or β (≥ 0); Huber's δ must be positive
     */
    public Huber(boolean smoothL1, double threshold, boolean meanOverOutputs, double[] outputWeights) {
        super(InputForm.VALUES, outputWeights, meanOverOutputs);
        this.smooth = smoothL1;
        this.threshold = threshold;
        this.slope = smoothL1 ? 1 : threshold;
        this.curvature = smoothL1 ? 1 / threshold : 1;
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        for (int j = 0; j < n; j++) {
            double d = x[xo + j] - y[yo + j];
            double a = Math.abs(d);
            if (a < threshold) {
                v[j] = 0.5 * curvature * d * d;
                g[go + j] = curvature * d;
            } else {
                v[j] = slope * (a - 0.5 * threshold);
                g[go + j] = slope * Math.signum(d);
            }
        }
    }

    @Override
    public Spec spec() {
        return withWeights(withOutputs(smooth ? Spec.of("smooth_l1").with("beta", threshold)
                : Spec.of("huber").with("delta", threshold)));
    }
}
