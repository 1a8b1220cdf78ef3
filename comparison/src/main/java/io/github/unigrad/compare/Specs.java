package io.github.unigrad.compare;

import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.spec.Spec;

/** Reading the catalogue's specs the way the runner needs: canonical forms, names, learning rates. */
public final class Specs {
    private Specs() {
    }

    /** The canonical spec of a loss (all hyperparameters), e.g. {@code huber(delta=1)} for {@code huber}. */
    public static String canonicalLoss(String spec) {
        return Losses.parse(spec).spec().toString();
    }

    public static String canonicalOptimiser(String spec) {
        return Optimisers.parse(spec).spec().toString();
    }

    public static String optimiserName(String spec) {
        return Optimisers.parse(spec).spec().name();
    }

    /** True when {@code spec} is the catalogue entry {@code name} with every hyperparameter at its default. */
    public static boolean isDefaultLoss(String spec) {
        Spec s = Losses.parse(spec).spec();
        return s.equals(Losses.parse(s.name()).spec());
    }

    /** The optimiser's fixed learning rate, or {@code def} when its {@code lr} is a schedule or absent. */
    public static double learningRate(String spec, double def) {
        Object lr = Optimisers.parse(spec).spec().named().get("lr");
        return lr instanceof Double d ? d : def;
    }

    /** A double as the shortest decimal that reads back to it, for a spec: e.g. {@code 0.01} or {@code 1E-8}. */
    public static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toString();
    }
}
