package io.github.unigrad.loss;

import io.github.unigrad.spec.Catalogue;
import io.github.unigrad.spec.Excerpt;
import io.github.unigrad.spec.Params;
import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loss catalogue: every loss by name, from a spec string ({@code Losses.parse("huber(delta=0.5)")})
 * or a typed factory ({@code Losses.huber(0.5)}). Adding a loss here makes it available to both
 * plugins, which build their losses through {@link #parse} / {@link #build} only.
 *
 * <p>Every hyperparameter is checked here, at parse time (NaN is never in range); the typed factories go
 * through the same path. The summaries are the formulas of the README table ({@code d = x - y}; {@code c_j}
 * the optional per-output {@code weights}; K outputs).
 */
public final class Losses {
    private static final Range CLIP = Range.closed(0, 0.5);
    private static final Range QUANTILE = Range.UNIT_OPEN;
    private static final Range EXTENDED_REALS = Range.closed(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private static final Catalogue<Loss> CATALOGUE = new Catalogue<Loss>("loss")
            .add("zero_one", "1[argmax x ≠ class] (K ≥ 2 or class index); 1[(x > t) ≠ (y > t)] (K = 1); scoring only",
                    p -> new ZeroOne(p.real("threshold", 0.5, Range.ANY)))
            .add("softmax_cross_entropy", "-Σ_j c_j q_j log softmax(z)_j, q = (1-ε) y + ε/K; dense or class-index targets",
                    p -> new SoftmaxCrossEntropy(weights(p), p.real("labelSmoothing", 0, Range.UNIT),
                            p.integer("ignoreIndex", -1, Integer.MIN_VALUE + 1, Integer.MAX_VALUE)))
            .add("categorical_cross_entropy", "-Σ_j c_j y_j log clip(p_j, c, 1-c), on probabilities",
                    p -> new CategoricalCrossEntropy(p.real("clip", 1e-10, CLIP), meanOverOutputs(p), weights(p)))
            .add("binary_cross_entropy", "Σ_j c_j [w+_j y' softplus(-z) + (1-y') softplus(z)], y' = (1-ε) y + ε/2; or on"
                    + " clipped probabilities; posWeight one or per output", Losses::binaryCrossEntropy)
            .alias("log_loss", "binary_cross_entropy")
            .add("mse", "(1/K) Σ_j c_j d_j²", p -> new SquaredError(true, weights(p)))
            .add("l2", "Σ_j c_j d_j²", p -> new SquaredError(false, weights(p)))
            .add("mae", "(1/K) Σ_j c_j |d_j|", p -> new AbsoluteError(true, weights(p)))
            .add("l1", "Σ_j c_j |d_j|", p -> new AbsoluteError(false, weights(p)))
            .add("rmse", "√((1/K) Σ_j c_j d_j²) per example (= |d| for one output)",
                    p -> new RootMeanSquaredError(false, weights(p)))
            .add("batch_rmse", "√(Σ_i w_i MSE_i / Σ_i w_i) over the batch (coupled; reduce with SUM)",
                    p -> new RootMeanSquaredError(true, weights(p)))
            .add("mape", "(100/K) Σ_j c_j |d_j| / |y_j|", p -> new PercentageError(weights(p)))
            .add("msle", "(1/K) Σ_j c_j (log(1+x_j) - log(1+y_j))²", p -> new SquaredLogError(weights(p)))
            .add("huber", "Σ_j c_j (½ d² if |d| ≤ δ else δ(|d| - ½δ))",
                    p -> new Huber(false, p.real("delta", 1, Range.POSITIVE), meanOverOutputs(p), weights(p)))
            .add("smooth_l1", "Σ_j c_j (½ d²/β if |d| < β else |d| - ½β)",
                    p -> new Huber(true, p.real("beta", 1, Range.NON_NEGATIVE), meanOverOutputs(p), weights(p)))
            .add("log_cosh", "Σ_j c_j log cosh(d_j)", p -> new LogCosh(meanOverOutputs(p), weights(p)))
            .add("quantile", "Σ_{k,q} c max(τ_q e, (τ_q - 1) e), e = y_k - x_kq", Losses::quantile)
            .add("hinge", "Σ_j c_j max(0, m - y_j x_j), y = ±1 (labels=auto: a 0/1 batch read as 2y - 1, as Keras)",
                    p -> hinge(p, false))
            .add("squared_hinge", "Σ_j c_j max(0, m - y_j x_j)², y = ±1 (labels=auto: as hinge)",
                    p -> hinge(p, true))
            .add("multiclass_hinge", "max(0, max_{j≠y} x_j + m - x_y) (Crammer–Singer)",
                    p -> new MulticlassHinge(margin(p)))
            .add("categorical_hinge", "max(0, max_j (1 - y_j) x_j - Σ_j y_j x_j + m) (Keras)",
                    p -> new CategoricalHinge(margin(p)))
            .add("multi_margin", "(w_y/K) Σ_{j≠y} max(0, m - x_y + x_j)^p, p ∈ {1, 2} (Weston–Watkins, PyTorch"
                    + " MultiMarginLoss)", p -> new MultiMargin(p.integer("p", 1, 1, 2), margin(p), weights(p)))
            .add("multilabel_hinge", "Σ_j c_j max(0, m - (2y_j - 1) x_j), y ∈ {0, 1}",
                    p -> new Hinge(false, true, Hinge.Labels.SIGNS, margin(p), meanOverOutputs(p), weights(p)))
            .add("focal", "Σ_j c_j α_t (1 - p_t)^γ BCE(z_j, y_j), p = σ(z); or on clipped probabilities", Losses::focal)
            .add("softmax_focal", "-Σ_j c_j q_j (1 - p_j)^γ log p_j, p = softmax(z)",
                    p -> new SoftmaxFocal(p.real("gamma", 2, Range.NON_NEGATIVE), weights(p)))
            .add("categorical_focal", "-Σ_j c_j α y_j (1 - p_j)^γ log p_j, on clipped probabilities (Keras)",
                    p -> new CategoricalFocal(p.real("gamma", 2, Range.NON_NEGATIVE), p.real("alpha", 0.25, Range.POSITIVE),
                            p.real("clip", 1e-7, CLIP), meanOverOutputs(p), weights(p)))
            .add("kl_divergence", "Σ_j c_j q_j (log q_j - log p_j), on probabilities",
                    p -> new KlDivergence(p.bool("logTarget", false), p.real("clip", 0, CLIP), meanOverOutputs(p),
                            weights(p)))
            .add("poisson_nll", "Σ_j c_j (e^x - y x) (log input) or (x - y log(x + eps))",
                    p -> new PoissonNll(p.bool("logInput", true), p.real("eps", 1e-8, Range.NON_NEGATIVE),
                            p.bool("full", false), meanOverOutputs(p), weights(p)))
            .add("gaussian_nll", "Σ_k c_k ½ (log σ_k² + (μ_k - y_k)²/σ_k²), predictions [μ | σ²]",
                    p -> new GaussianNll(p.choice("variance", GaussianNll.Variance.RAW, GaussianNll.Variance.class),
                            p.real("eps", 1e-6, Range.POSITIVE), p.bool("full", false), weights(p)))
            .add("cosine_proximity", "-(y·x) / (max(|y|, ε) max(|x|, ε))",
                    p -> new CosineProximity(p.real("eps", 1e-5, Range.POSITIVE)))
            .add("wasserstein", "(1/K) Σ_j c_j y_j x_j (critic loss; may be negative)", p -> new Wasserstein(weights(p)))
            .add("tweedie", "Σ_j c_j 2 (y^{2-p}/((1-p)(2-p)) - y μ^{1-p}/(1-p) + μ^{2-p}/(2-p)) (deviance)",
                    Losses::tweedie)
            .add("barron", "Σ_j c_j |α-2|/α (((d/c)²/|α-2| + 1)^{α/2} - 1)",
                    p -> new Barron(p.real("alpha", 1, EXTENDED_REALS), p.real("scale", 1, Range.POSITIVE), weights(p)))
            .add("multitask", "Σ_t w_t L_t(columns of task t)", Losses::multitask);

    private Losses() {
    }

    /** Reads the optional per-output (per-class, per-target) weights, {@code weights=[...]}: at least one, each ≥ 0. */
    static double[] weights(Params p) {
        double[] w = p.reals("weights", null, Range.NON_NEGATIVE);
        if (w != null && w.length == 0) {
            throw new SpecException(p.name() + ": weights = [] is empty; give one weight per output, each in "
                    + Range.NON_NEGATIVE + ", or leave weights out");
        }
        return w;
    }

    /**
     * Reads {@code outputs=sum|mean} ({@link OutputReduction}) of the losses that sum over outputs by default:
     * true for the mean over outputs.
     */
    static boolean meanOverOutputs(Params p) {
        return p.choice("outputs", OutputReduction.SUM, OutputReduction.class) == OutputReduction.MEAN;
    }

    private static double margin(Params p) {
        return p.real("margin", 1, Range.NON_NEGATIVE);
    }

    private static Loss binaryCrossEntropy(Params p) {
        boolean fromLogits = p.bool("fromLogits", true);
        double[] posWeight = p.reals("posWeight", new double[] {1}, Range.NON_NEGATIVE);
        if (posWeight.length == 0) {
            throw new SpecException(p.name() + ": posWeight = [] is empty; give one positive-class weight for every"
                    + " output, or one per output, each in " + Range.NON_NEGATIVE);
        }
        double clip = probabilityClip(p, fromLogits);
        return new BinaryCrossEntropy(fromLogits, posWeight, clip, p.real("labelSmoothing", 0, Range.UNIT),
                meanOverOutputs(p), weights(p));
    }

    /** Reads {@code clip} of a loss that takes logits or probabilities: only probabilities are clipped. */
    private static double probabilityClip(Params p, boolean fromLogits) {
        double clip = p.real("clip", 0, CLIP);
        if (fromLogits && clip > 0) {
            throw new SpecException(p.name() + ": clip = " + Spec.formatNumber(clip) + " applies only to probabilities;"
                    + " with fromLogits=true the loss is exact and clip must be 0 (DL4J's LossBinaryXENT is"
                    + " fromLogits=false, clip=1e-5; Keras clips probabilities at 1e-7)");
        }
        return clip;
    }

    private static Loss hinge(Params p, boolean squared) {
        return new Hinge(squared, false, p.choice("labels", Hinge.Labels.SIGNS, Hinge.Labels.class), margin(p),
                meanOverOutputs(p), weights(p));
    }

    private static Loss quantile(Params p) {
        double[] quantiles = p.reals("quantiles", new double[] {0.5}, QUANTILE);
        if (quantiles.length == 0) {
            throw new SpecException(p.name() + ": quantiles = [] is empty; give at least one quantile in " + QUANTILE);
        }
        return new Quantile(quantiles, weights(p));
    }

    private static Loss focal(Params p) {
        double gamma = p.real("gamma", 2, Range.NON_NEGATIVE);
        double alpha = p.real("alpha", 0.25, Range.closed(-1, 1));
        if (alpha < 0 && alpha != -1) {
            throw new SpecException(p.name() + ": alpha = " + Spec.formatNumber(alpha) + " is out of range; allowed [0, 1],"
                    + " or -1 for no class weighting");
        }
        boolean fromLogits = p.bool("fromLogits", true);
        return new Focal(gamma, alpha, fromLogits, probabilityClip(p, fromLogits), meanOverOutputs(p), weights(p));
    }

    private static Loss tweedie(Params p) {
        double power = p.real("power", 1.5, Range.ANY);
        if (power > 0 && power < 1) {
            throw new SpecException(p.name() + ": power = " + Spec.formatNumber(power) + " is out of range; allowed"
                    + " (-inf, 0] or [1, inf) (no Tweedie distribution has 0 < power < 1)");
        }
        return new Tweedie(power, weights(p));
    }

    private static Loss multitask(Params p) {
        List<Loss> losses = p.components("losses", CATALOGUE);
        double[] columns = p.reals("columns", null, Range.atLeast(1));
        if (losses == null || losses.isEmpty() || columns == null) {
            throw new SpecException(p.name() + ": needs losses=[...] and columns=[...] (prediction columns per task), e.g."
                    + " multitask(losses=[mse, softmax_cross_entropy], columns=[1, 3]); got " + Excerpt.of(p.spec()));
        }
        int n = losses.size();
        int[] cols = wholeNumbers(p, "columns", columns, n);
        double[] given = p.reals("targetColumns", null, Range.atLeast(1));
        int[] targetCols = new int[n];
        for (int t = 0; t < n; t++) {
            targetCols[t] = losses.get(t).targetCols(cols[t]);
        }
        if (given != null) {
            int[] g = wholeNumbers(p, "targetColumns", given, n);
            for (int t = 0; t < n; t++) {
                boolean indices = g[t] == 1 && losses.get(t).acceptsClassIndices();
                if (g[t] != targetCols[t] && !indices) {
                    throw new SpecException(p.name() + ": targetColumns[" + t + "] = " + g[t] + " but " + losses.get(t)
                            + " over " + cols[t] + " columns takes " + targetCols[t]
                            + (losses.get(t).acceptsClassIndices() ? " (or 1 class index)" : ""));
                }
            }
            targetCols = g;
        }
        double[] weights = p.reals("weights", null, Range.NON_NEGATIVE);
        if (weights == null) {
            weights = new double[n];
            Arrays.fill(weights, 1.0);
        } else if (weights.length != n) {
            throw new SpecException(p.name() + ": weights has " + weights.length + " entries for " + n + " tasks");
        }
        return new Multitask(losses, cols, targetCols, weights);
    }

    private static int[] wholeNumbers(Params p, String key, double[] values, int n) {
        if (values.length != n) {
            throw new SpecException(p.name() + ": " + key + " has " + values.length + " entries for " + n + " tasks");
        }
        int[] out = new int[n];
        for (int t = 0; t < n; t++) {
            if (values[t] != Math.rint(values[t]) || values[t] > Integer.MAX_VALUE) {
                throw new SpecException(p.name() + ": " + key + "[" + t + "] = " + Spec.formatNumber(values[t])
                        + " is not a whole number of columns");
            }
            out[t] = (int) values[t];
        }
        return out;
    }

    /** The loss a spec string names, e.g. {@code focal(gamma=2, alpha=0.25)}. */
    public static Loss parse(String spec) {
        return CATALOGUE.parse(spec);
    }

    public static Loss build(Spec spec) {
        return CATALOGUE.build(spec);
    }

    /** Every loss name, in catalogue order. */
    public static List<String> names() {
        return CATALOGUE.names();
    }

    /** The catalogue itself, with each entry's one-line summary (used to print the README table). */
    public static Catalogue<Loss> catalogue() {
        return CATALOGUE;
    }

    private static Loss build(String name, Object... keysAndValues) {
        Spec spec = Spec.of(name);
        for (int k = 0; k < keysAndValues.length; k += 2) {
            spec = spec.with((String) keysAndValues[k], keysAndValues[k + 1]);
        }
        return build(spec);
    }

    public static Loss zeroOne(double threshold) {
        return build("zero_one", "threshold", threshold);
    }

    public static Loss softmaxCrossEntropy() {
        return build("softmax_cross_entropy");
    }

    public static Loss softmaxCrossEntropy(double[] classWeights, double labelSmoothing, int ignoreIndex) {
        return classWeights == null
                ? build("softmax_cross_entropy", "labelSmoothing", labelSmoothing, "ignoreIndex", ignoreIndex)
                : build("softmax_cross_entropy", "weights", classWeights, "labelSmoothing", labelSmoothing,
                        "ignoreIndex", ignoreIndex);
    }

    public static Loss categoricalCrossEntropy(double clip) {
        return build("categorical_cross_entropy", "clip", clip);
    }

    /** Binary cross-entropy from logits ({@code fromLogits=true}). */
    public static Loss binaryCrossEntropy() {
        return build("binary_cross_entropy");
    }

    public static Loss binaryCrossEntropy(boolean fromLogits, double posWeight, double clip, double labelSmoothing) {
        return binaryCrossEntropy(fromLogits, new double[] {posWeight}, clip, labelSmoothing);
    }

    /** Binary cross-entropy with one positive-class weight per output (PyTorch's {@code pos_weight} vector). */
    public static Loss binaryCrossEntropy(boolean fromLogits, double[] posWeight, double clip, double labelSmoothing) {
        return build("binary_cross_entropy", "fromLogits", fromLogits, "posWeight", posWeight, "clip", clip,
                "labelSmoothing", labelSmoothing);
    }

    public static Loss mse() {
        return build("mse");
    }

    public static Loss l2() {
        return build("l2");
    }

    public static Loss mae() {
        return build("mae");
    }

    public static Loss l1() {
        return build("l1");
    }

    public static Loss rmse() {
        return build("rmse");
    }

    public static Loss batchRmse() {
        return build("batch_rmse");
    }

    public static Loss mape() {
        return build("mape");
    }

    public static Loss msle() {
        return build("msle");
    }

    public static Loss huber(double delta) {
        return build("huber", "delta", delta);
    }

    public static Loss smoothL1(double beta) {
        return build("smooth_l1", "beta", beta);
    }

    public static Loss logCosh() {
        return build("log_cosh");
    }

    public static Loss quantile(double... quantiles) {
        return build("quantile", "quantiles", quantiles);
    }

    public static Loss hinge(double margin) {
        return build("hinge", "margin", margin);
    }

    public static Loss squaredHinge(double margin) {
        return build("squared_hinge", "margin", margin);
    }

    public static Loss categoricalHinge(double margin) {
        return build("categorical_hinge", "margin", margin);
    }

    public static Loss multiclassHinge(double margin) {
        return build("multiclass_hinge", "margin", margin);
    }

    /** PyTorch's {@code MultiMarginLoss(p, margin, weight)}; {@code classWeights} may be null. */
    public static Loss multiMargin(int p, double margin, double[] classWeights) {
        return classWeights == null ? build("multi_margin", "p", p, "margin", margin)
                : build("multi_margin", "p", p, "margin", margin, "weights", classWeights);
    }

    public static Loss multilabelHinge(double margin) {
        return build("multilabel_hinge", "margin", margin);
    }

    public static Loss focal(double gamma, double alpha) {
        return build("focal", "gamma", gamma, "alpha", alpha);
    }

    public static Loss softmaxFocal(double gamma) {
        return build("softmax_focal", "gamma", gamma);
    }

    public static Loss categoricalFocal(double gamma, double alpha, double clip) {
        return build("categorical_focal", "gamma", gamma, "alpha", alpha, "clip", clip);
    }

    public static Loss klDivergence(boolean logTarget, double clip) {
        return build("kl_divergence", "logTarget", logTarget, "clip", clip);
    }

    public static Loss poissonNll(boolean logInput, double eps, boolean full) {
        return build("poisson_nll", "logInput", logInput, "eps", eps, "full", full);
    }

    public static Loss gaussianNll(GaussianNll.Variance variance, double eps, boolean full) {
        return build("gaussian_nll", "variance", variance, "eps", eps, "full", full);
    }

    public static Loss cosineProximity() {
        return build("cosine_proximity");
    }

    public static Loss wasserstein() {
        return build("wasserstein");
    }

    public static Loss tweedie(double power) {
        return build("tweedie", "power", power);
    }

    public static Loss barron(double alpha, double scale) {
        return build("barron", "alpha", alpha, "scale", scale);
    }

    /** A weighted sum of losses over consecutive column groups, {@code columns[t]} prediction columns each. */
    public static Loss multitask(List<Loss> losses, int[] columns, double[] weights) {
        return build("multitask", "losses", new ArrayList<>(losses), "columns", columns, "weights", weights);
    }
}
