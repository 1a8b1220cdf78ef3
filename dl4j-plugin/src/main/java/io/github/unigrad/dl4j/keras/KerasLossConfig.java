package io.github.unigrad.dl4j.keras;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config} of a Keras loss object, read option by option: what is read is honoured, and every other
 * option must hold Keras's default (the keys Keras always writes, {@code name}, {@code reduction}, {@code dtype},
 * {@code axis}, are accepted at their defaults), else the import stops naming the option and its value.
 */
final class KerasLossConfig {
    private static final Set<Object> NEUTRAL_REDUCTIONS = Set.of("auto", "sum_over_batch_size");
    private static final Map<String, Object> KERAS_DEFAULTS = Map.of("from_logits", false, "label_smoothing", 0.0,
            "axis", -1, "gamma", 2.0, "alpha", 0.25, "apply_class_balancing", false, "delta", 1.0);

    private final String loss;
    private final Map<String, ?> config;
    private final Set<String> read = new HashSet<>(Set.of("name", "dtype", "fn"));

    KerasLossConfig(String loss, Map<String, ?> config) {
        this.loss = loss;
        this.config = config == null ? Map.of() : config;
    }

    boolean flag(String key) {
        read.add(key);
        Object v = config.get(key);
        return v instanceof Boolean b && b;
    }

    double number(String key, double def) {
        read.add(key);
        Object v = config.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number n)) {
            throw unsupported(key, v);
        }
        return n.doubleValue();
    }

    /** Throws for an option that was not read and differs from Keras's default. */
    void requireAllRead() {
        for (Map.Entry<String, ?> e : config.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (read.contains(key) || v == null) {
                continue;
            }
            boolean neutral = key.equals("reduction") ? NEUTRAL_REDUCTIONS.contains(String.valueOf(v).toLowerCase(Locale.ROOT))
                    : KERAS_DEFAULTS.containsKey(key) && sameValue(KERAS_DEFAULTS.get(key), v);
            if (!neutral) {
                throw unsupported(key, v);
            }
        }
    }

    private static boolean sameValue(Object def, Object v) {
        return def instanceof Number d && v instanceof Number n ? d.doubleValue() == n.doubleValue() : def.equals(v);
    }

    private IllegalArgumentException unsupported(String key, Object value) {
        return new IllegalArgumentException("Keras loss " + loss + ": " + key + " = " + value + " is not supported by"
                + " UnigradKeras (honoured: delta of huber; from_logits and label_smoothing of binary_crossentropy;"
                + " from_logits and label_smoothing of categorical_crossentropy; from_logits of"
                + " sparse_categorical_crossentropy; gamma, alpha, apply_class_balancing and from_logits of"
                + " binary_focal_crossentropy; gamma and alpha of categorical_focal_crossentropy; every other option"
                + " must have Keras's default, reduction sum_over_batch_size)");
    }
}
