package io.github.unigrad.loss;

import io.github.unigrad.spec.Catalogue;
import io.github.unigrad.spec.Params;
import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

import java.util.List;

/**
 * The loss catalogue: every loss by name, from a spec string ({@code Losses.parse("huber(delta=0.5)")})
 * or a typed factory ({@code Losses.huber(0.5)}). Adding a loss here makes it available to both
 * plugins, which build their losses through {@link #parse} / {@link #build} only.
 */
public final class Losses {
    private static final Catalogue<Loss> CATALOGUE = new Catalogue<Loss>("loss")
            .add("mse", "mean squared error over outputs, (1/K) Σ c_j (x - y)²",
                    p -> new SquaredError(true, weights(p)))
            .add("l2", "sum of squared errors over outputs, Σ c_j (x - y)²",
                    p -> new SquaredError(false, weights(p)));

    private Losses() {
    }

    /** Reads the optional per-output weights, {@code weights=[...]}, each ≥ 0. */
    static double[] weights(Params p) {
        return p.reals("weights", null, Range.NON_NEGATIVE);
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

    public static Loss mse() {
        return new SquaredError(true, null);
    }

    public static Loss l2() {
        return new SquaredError(false, null);
    }
}
