package io.github.unigrad.loss;

import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

/**
 * Binary cross-entropy (log loss), one independent binary problem per output (several outputs =
 * multi-label). With the smoothed target {@code y' = (1 - ε) y + ε/2} and positive-class weight {@code w+}:
 * {@code f = -(w+ y' log p + (1 - y') log(1 - p))}. {@code posWeight} is one {@code w+} for every output or
 * one per output ({@code posWeight=[w_1, …, w_K]}, PyTorch's {@code pos_weight} vector broadcast over the
 * batch: output {@code j} uses {@code w_j}); a list of one is the scalar form.
 * <ul>
 *   <li>{@code fromLogits=true} ({@link InputForm#SIGMOID_LOGITS}, {@code p = σ(z)}):
 *       {@code f = w+ y' softplus(-z) + (1 - y') softplus(z)}, {@code ∂f/∂z = (1 - y') σ(z) - w+ y' σ(-z)}
 *       ({@code = σ(z) - y'} when {@code w+ = 1}). Exact for any logit: {@code softplus} never takes the log
 *       of an underflowed probability, so {@code z = ±1e4} gives finite, correct values. PyTorch's
 *       {@code BCEWithLogitsLoss} ({@code pos_weight}), Keras' {@code BinaryCrossentropy(from_logits=True,
 *       label_smoothing)}, Optax's {@code sigmoid_binary_cross_entropy}, Tribuo's multi-label
 *       BinaryCrossEntropy (which returns this gradient negated).</li>
 *   <li>{@code fromLogits=false} ({@link InputForm#PROBABILITIES}): {@code p' = clip(p, c, 1 - c)} and the
 *       formula above at {@code p'}, {@code ∂f/∂p = -w+ y'/p' + (1 - y')/(1 - p')}. {@code clip = 1e-5}
 *       reproduces DL4J's LossBinaryXENT exactly, score and gradient: like DL4J, the gradient is the
 *       formula's derivative evaluated at the clipped probability and is <em>not</em> zeroed where the clip
 *       is active (a saturated wrong prediction keeps a gradient pushing it back). With {@code clip = 0} a
 *       probability of exactly 0 or 1 on the wrong side gives infinity (PyTorch's {@code BCELoss} instead
 *       clamps the log at -100). Terms whose coefficient is 0 are skipped, so {@code p = y ∈ {0, 1}} gives 0.</li>
 * </ul>
 * {@code clip} applies only to probabilities (a {@code clip > 0} with {@code fromLogits=true} is rejected at
 * parse time). Summed over outputs, or averaged with {@code outputs=mean}: Keras' {@code binary_crossentropy}
 * is {@code binary_cross_entropy(fromLogits=false, clip=1e-7, outputs=mean)}. Domain: targets in [0, 1]; with
 * {@code fromLogits=false}, probabilities in [0, 1] (both checked, naming the example: a probability outside [0, 1],
 * or NaN, is an error, whatever the clip). Source: the Bernoulli likelihood; label smoothing from
 * Szegedy et al. (2016); positive weighting as in PyTorch.
 */
public final class BinaryCrossEntropy extends ElementwiseLoss {
    private final boolean fromLogits;
    private final double[] posWeight;
    private final double clip;
    private final double labelSmoothing;

    /**
     * @param posWeight the positive-class weight: one for every output, or one per output
     */
    public BinaryCrossEntropy(boolean fromLogits, double[] posWeight, double clip, double labelSmoothing,
                              boolean meanOverOutputs, double[] outputWeights) {
        super(fromLogits ? InputForm.SIGMOID_LOGITS : InputForm.PROBABILITIES, outputWeights, meanOverOutputs);
        this.fromLogits = fromLogits;
        this.posWeight = posWeight.clone();
        this.clip = clip;
        this.labelSmoothing = labelSmoothing;
    }

    /** The length of {@code weights=[...]}, else of a per-output {@code posWeight=[...]}, else 0. */
    @Override
    public int fixedOutputs() {
        double[] weights = outputWeights();
        return weights != null ? weights.length : posWeight.length == 1 ? 0 : posWeight.length;
    }

    @Override
    protected void checkShape(LossBatch batch) {
        if (posWeight.length > 1) {
            requireWeightCount(posWeight, batch.cols(), "positive-class");
        }
    }

    @Override
    protected void checkTargets(LossBatch batch) {
        requireTargetsIn(batch, Range.UNIT, "targets in [0, 1]");
        if (!fromLogits) {
            requirePredictionsIn(batch, Range.UNIT, "probabilities in [0, 1] with fromLogits=false (use a sigmoid output,"
                    + " or fromLogits=true on logits)");
        }
    }

    @Override
    protected void elements(double[] y, int yo, double[] x, int xo, double[] v, double[] g, int go, int n) {
        boolean perOutput = posWeight.length > 1;
        for (int j = 0; j < n; j++) {
            double pos = posWeight[perOutput ? j : 0] * Numerics.smooth(y[yo + j], labelSmoothing, 2);
            double neg = 1 - Numerics.smooth(y[yo + j], labelSmoothing, 2);
            double z = x[xo + j];
            if (fromLogits) {
                double e = Math.exp(-Math.abs(z));
                double l = Numerics.log1p(e);
                v[j] = (pos == 0 ? 0 : pos * (Math.max(-z, 0) + l)) + (neg == 0 ? 0 : neg * (Math.max(z, 0) + l));
                g[go + j] = neg * Numerics.sigmoid(z, e) - pos * Numerics.sigmoid(-z, e);
            } else {
                double p = Numerics.clip(z, clip, 1 - clip);
                v[j] = -Numerics.xlogy(pos, p) - Numerics.xlogy(neg, 1 - p);
                g[go + j] = (neg == 0 ? 0 : neg / (1 - p)) - (pos == 0 ? 0 : pos / p);
            }
        }
    }

    @Override
    public Spec spec() {
        return withWeights(withOutputs(Spec.of("binary_cross_entropy").with("fromLogits", fromLogits).with("posWeight",
                posWeight.length == 1 ? (Object) posWeight[0] : posWeight)
                .with("clip", clip).with("labelSmoothing", labelSmoothing)));
    }
}
