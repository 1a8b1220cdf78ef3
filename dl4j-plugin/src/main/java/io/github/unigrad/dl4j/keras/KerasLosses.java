package io.github.unigrad.dl4j.keras;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keras's built-in losses (Keras 2 and 3: function names, their aliases, and the {@code name} a tf.keras loss object
 * is saved with), each as the catalogue spec that computes what Keras computes with its defaults: the reduction over
 * the last axis, {@code delta = 1}, probabilities clipped at Keras's {@code epsilon() = 1e-7}, {@code from_logits=False},
 * 0/1 hinge labels read as ±1 (Keras's formulas are in {@code keras/losses.py}):
 * <table class="striped">
 *   <caption>Keras loss → catalogue spec</caption>
 *   <tr><th>Keras</th><th>Keras's formula (per example)</th><th>catalogue spec</th></tr>
 *   <tr><td>mean_squared_error, mse</td><td>mean_j (y - p)²</td><td>mse</td></tr>
 *   <tr><td>mean_absolute_error, mae</td><td>mean_j |y - p|</td><td>mae</td></tr>
 *   <tr><td>mean_absolute_percentage_error, mape</td><td>100 mean_j |y - p| / max(|y|, ε)</td><td>mape</td></tr>
 *   <tr><td>mean_squared_logarithmic_error, msle</td><td>mean_j (log(max(p, ε) + 1) - log(max(y, ε) + 1))²</td>
 *       <td>msle</td></tr>
 *   <tr><td>huber, huber_loss</td><td>mean_j huber_δ(p - y), δ = 1</td><td>huber(delta=1, outputs=mean)</td></tr>
 *   <tr><td>log_cosh, logcosh</td><td>mean_j log cosh(p - y)</td><td>log_cosh(outputs=mean)</td></tr>
 *   <tr><td>hinge</td><td>mean_j max(0, 1 - t p), t = 2y - 1 for a 0/1 batch</td>
 *       <td>hinge(labels=auto, outputs=mean)</td></tr>
 *   <tr><td>squared_hinge</td><td>mean_j max(0, 1 - t p)²</td><td>squared_hinge(labels=auto, outputs=mean)</td></tr>
 *   <tr><td>categorical_hinge</td><td>max(0, max_j (1 - y) p - Σ_j y p + 1)</td><td>categorical_hinge</td></tr>
 *   <tr><td>binary_crossentropy, bce</td><td>mean_j BCE(y, clip(p, ε, 1 - ε))</td>
 *       <td>binary_cross_entropy(fromLogits=false, clip=1e-7, outputs=mean)</td></tr>
 *   <tr><td>binary_focal_crossentropy</td><td>mean_j (1 - p_t)² BCE(y, clip(p))</td>
 *       <td>focal(gamma=2, alpha=-1, fromLogits=false, clip=1e-7, outputs=mean)</td></tr>
 *   <tr><td>categorical_crossentropy</td><td>-Σ_j y log clip(p, ε, 1 - ε)</td><td>categorical_cross_entropy(clip=1e-7)</td></tr>
 *   <tr><td>categorical_focal_crossentropy</td><td>Σ_j 0.25 (1 - p')² (-y log p'), p' = clip(p)</td>
 *       <td>categorical_focal(gamma=2, alpha=0.25, clip=1e-7)</td></tr>
 *   <tr><td>kl_divergence, kld, kullback_leibler_divergence</td><td>Σ_j y' log(y'/p'), both clipped to [ε, 1]</td>
 *       <td>kl_divergence(clip=1e-7)</td></tr>
 *   <tr><td>poisson</td><td>mean_j (p - y log(p + ε))</td><td>poisson_nll(logInput=false, eps=1e-7, outputs=mean)</td></tr>
 *   <tr><td>cosine_similarity, cosine_proximity</td><td>-Σ_j ŷ p̂, x̂ = x / max(|x|, 1e-6)</td>
 *       <td>cosine_proximity(eps=1e-6)</td></tr>
 * </table>
 * Keras's categorical losses first divide {@code p} by its sum over the last axis: the specs above are exact for
 * outputs that sum to 1 (a softmax layer, where the division changes neither the value nor the gradient).
 * {@code mape} and {@code msle} are exact where {@code |y| ≥ 1e-7} and {@code p, y ≥ 1e-7} (the catalogue rejects a zero
 * target for mape; for msle it does not clip at ε). {@code sparse_categorical_crossentropy} has no catalogue
 * twin on probabilities with class indices: DL4J's own LossSparseMCXENT is kept (its value is Keras's except where a
 * probability is below 1e-7, which DL4J does not clip). Keras-3-only losses ({@code dice}, {@code tversky},
 * {@code circle}, {@code ctc}, {@code categorical_generalized_cross_entropy}) are not provided.
 */
public final class KerasLosses {
    /**
     * Lower-case aliases (Keras's short names, the class names as DL4J lower-cases them, the names loss objects are
     * saved with) → the Keras function they name.
     */
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("mse", "mean_squared_error"), Map.entry("meansquarederror", "mean_squared_error"),
            Map.entry("mae", "mean_absolute_error"), Map.entry("meanabsoluteerror", "mean_absolute_error"),
            Map.entry("mape", "mean_absolute_percentage_error"),
            Map.entry("meanabsolutepercentageerror", "mean_absolute_percentage_error"),
            Map.entry("msle", "mean_squared_logarithmic_error"),
            Map.entry("meansquaredlogarithmicerror", "mean_squared_logarithmic_error"),
            Map.entry("huber_loss", "huber"), Map.entry("logcosh", "log_cosh"),
            Map.entry("squaredhinge", "squared_hinge"), Map.entry("categoricalhinge", "categorical_hinge"),
            Map.entry("bce", "binary_crossentropy"), Map.entry("binarycrossentropy", "binary_crossentropy"),
            Map.entry("binaryfocalcrossentropy", "binary_focal_crossentropy"),
            Map.entry("categoricalcrossentropy", "categorical_crossentropy"),
            Map.entry("categoricalfocalcrossentropy", "categorical_focal_crossentropy"),
            Map.entry("sparsecategoricalcrossentropy", "sparse_categorical_crossentropy"),
            Map.entry("kld", "kl_divergence"), Map.entry("kullback_leibler_divergence", "kl_divergence"),
            Map.entry("kldivergence", "kl_divergence"),
            Map.entry("cosine_proximity", "cosine_similarity"), Map.entry("cosinesimilarity", "cosine_similarity"));

    /** Keras function → catalogue spec with Keras's defaults. */
    private static final Map<String, String> SPECS = Map.ofEntries(
            Map.entry("mean_squared_error", "mse"), Map.entry("mean_absolute_error", "mae"),
            Map.entry("mean_absolute_percentage_error", "mape"), Map.entry("mean_squared_logarithmic_error", "msle"),
            Map.entry("huber", "huber(delta=1, outputs=mean)"), Map.entry("log_cosh", "log_cosh(outputs=mean)"),
            Map.entry("hinge", "hinge(labels=auto, outputs=mean)"),
            Map.entry("squared_hinge", "squared_hinge(labels=auto, outputs=mean)"),
            Map.entry("categorical_hinge", "categorical_hinge"),
            Map.entry("binary_crossentropy", "binary_cross_entropy(fromLogits=false, clip=1e-7, outputs=mean)"),
            Map.entry("binary_focal_crossentropy", "focal(gamma=2, alpha=-1, fromLogits=false, clip=1e-7, outputs=mean)"),
            Map.entry("categorical_crossentropy", "categorical_cross_entropy(clip=1e-7)"),
            Map.entry("categorical_focal_crossentropy", "categorical_focal(gamma=2, alpha=0.25, clip=1e-7)"),
            Map.entry("kl_divergence", "kl_divergence(clip=1e-7)"),
            Map.entry("poisson", "poisson_nll(logInput=false, eps=1e-7, outputs=mean)"),
            Map.entry("cosine_similarity", "cosine_proximity(eps=1e-6)"));

    /** The names DL4J 1.0.0-M2.1's {@code KerasLossUtils.mapLossFunction} maps itself (lower case). */
    private static final Set<String> MAPPED_BY_DL4J = Set.of("mean_squared_error", "mse", "meansquarederror",
            "mean_absolute_error", "mae", "meanabsoluteerror", "mean_absolute_percentage_error", "mape",
            "meanabsolutepercentageerror", "mean_squared_logarithmic_error", "msle", "meansquaredlogarithmicerror",
            "squared_hinge", "squaredhinge", "hinge", "sparse_categorical_crossentropy", "sparsecategoricalcrossentropy",
            "binary_crossentropy", "binarycrossentropy", "categorical_crossentropy", "kullback_leibler_divergence",
            "kldivergence", "kld", "poisson", "cosine_proximity", "cosinesimilarity");

    private KerasLosses() {
    }

    /** The catalogue spec with Keras's semantics for a Keras loss name (any case), or empty if there is none. */
    public static Optional<String> spec(String kerasName) {
        return Optional.ofNullable(SPECS.get(function(kerasName)));
    }

    /** The Keras function a name (any case, alias or class name) names; an unknown name as it is, in lower case. */
    private static String function(String kerasName) {
        String name = kerasName.toLowerCase(Locale.ROOT);
        return FUNCTIONS.getOrDefault(name, name);
    }

    /**
     * The catalogue spec for a loss a tf.keras model saved as an object ({@code {"class_name": "Huber", "config":
     * {"name": "huber_loss", "delta": 2.0}}}): the spec of its {@code name}, with the options Keras's config sets:
     * {@code delta} of huber; {@code from_logits} and {@code label_smoothing} of binary_crossentropy (the catalogue's
     * {@code fromLogits}, {@code labelSmoothing}), and of categorical_crossentropy and sparse_categorical_crossentropy
     * with {@code from_logits=True} ({@code softmax_cross_entropy(labelSmoothing)}, exact from logits);
     * {@code gamma}, {@code alpha}, {@code apply_class_balancing} and {@code from_logits} of binary_focal_crossentropy;
     * {@code gamma} and {@code alpha} of categorical_focal_crossentropy. Any other option must have Keras's default
     * value (the reduction {@code sum_over_batch_size}, the mean over the batch that DL4J's score is).
     *
     * @return the spec, or empty when the name has none ({@code sparse_categorical_crossentropy} on probabilities,
     *         unknown names)
     * @throws IllegalArgumentException for an option this import cannot honour, naming it and its value
     */
    public static Optional<String> spec(String kerasName, Map<String, ?> config) {
        String name = function(kerasName);
        KerasLossConfig c = new KerasLossConfig(name, config);
        boolean sparse = name.equals("sparse_categorical_crossentropy");
        Optional<String> spec;
        if (name.equals("binary_crossentropy")) {
            spec = Optional.of("binary_cross_entropy(" + inputs(c.flag("from_logits")) + ", labelSmoothing="
                    + c.number("label_smoothing", 0) + ", outputs=mean)");
        } else if ((sparse || name.equals("categorical_crossentropy")) && c.flag("from_logits")) {
            spec = Optional.of("softmax_cross_entropy(labelSmoothing=" + (sparse ? 0 : c.number("label_smoothing", 0)) + ")");
        } else if (name.equals("binary_focal_crossentropy")) {
            double alpha = c.number("alpha", 0.25);
            spec = Optional.of("focal(gamma=" + c.number("gamma", 2) + ", alpha=" + (c.flag("apply_class_balancing") ? alpha : -1)
                    + ", " + inputs(c.flag("from_logits")) + ", outputs=mean)");
        } else if (name.equals("categorical_focal_crossentropy")) {
            spec = Optional.of("categorical_focal(gamma=" + c.number("gamma", 2) + ", alpha=" + c.number("alpha", 0.25)
                    + ", clip=1e-7)");
        } else if (name.equals("huber")) {
            spec = Optional.of("huber(delta=" + c.number("delta", 1) + ", outputs=mean)");
        } else {
            spec = spec(name);
        }
        c.requireAllRead();
        return spec;
    }

    /** Logits are exact; probabilities are clipped at Keras's epsilon. */
    private static String inputs(boolean fromLogits) {
        return fromLogits ? "fromLogits=true" : "fromLogits=false, clip=1e-7";
    }

    /** Every Keras loss name with a catalogue spec (functions and their aliases, lower case), sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(SPECS.keySet());
        FUNCTIONS.forEach((alias, function) -> {
            if (SPECS.containsKey(function)) {
                names.add(alias);
            }
        });
        return names;
    }

    /** The names with a catalogue spec that DL4J's own Keras import does not know (registered by {@link UnigradKeras}). */
    public static Set<String> namesDl4jLacks() {
        Set<String> lacking = names();
        lacking.removeAll(MAPPED_BY_DL4J);
        return lacking;
    }

    /** Whether DL4J's {@code KerasLossUtils.mapLossFunction} maps this name itself (custom losses are then ignored). */
    public static boolean mappedByDl4j(String kerasName) {
        return MAPPED_BY_DL4J.contains(kerasName.toLowerCase(Locale.ROOT));
    }
}
