package io.github.unigrad.optim;

import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.schedule.Schedules;
import io.github.unigrad.spec.Catalogue;
import io.github.unigrad.spec.Params;
import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

import java.util.List;

/**
 * The optimiser catalogue: named presets of {@link Chain}s ({@code adam(lr=1e-3)}), the generic
 * {@code chain(transforms=[...], lr=...)}, and the wrappers. Adding an optimiser here makes it
 * available to both plugins, which build optimisers through {@link #parse} / {@link #build} only.
 */
public final class Optimisers {
    private static final Catalogue<Optimiser> CATALOGUE = new Catalogue<Optimiser>("optimiser")
            .add("adam", "Adam (Kingma & Ba 2015): bias-corrected first and second moments", Optimisers::adam);

    private Optimisers() {
    }

    /** Reads {@code lr} (a number or a schedule spec) with the given default, which must be ≥ 0 at step 0. */
    static Schedule learningRate(Params p, double def) {
        Schedule s = p.component("lr", Schedules.build(Spec.of("constant").with("value", def)), Schedules::build);
        p.check("lr", s.at(0), Range.NON_NEGATIVE);
        return s;
    }

    private static Optimiser adam(Params p) {
        Schedule lr = learningRate(p, 1e-3);
        double b1 = p.real("b1", 0.9, Range.UNIT_HALF_OPEN);
        double b2 = p.real("b2", 0.999, Range.UNIT_HALF_OPEN);
        double eps = p.real("eps", 1e-8, Range.POSITIVE);
        boolean epsilonHat = p.bool("epsilonHat", false);
        Spec spec = Spec.of("adam").with("lr", Schedules.inSpec(lr)).with("b1", b1).with("b2", b2).with("eps", eps)
                .with("epsilonHat", epsilonHat);
        return new Chain(spec, lr, List.of(new ScaleByAdam(b1, b2, eps, epsilonHat), ScaleByLearningRate.INSTANCE));
    }

    public static Optimiser parse(String spec) {
        return CATALOGUE.parse(spec);
    }

    public static Optimiser build(Spec spec) {
        return CATALOGUE.build(spec);
    }

    public static List<String> names() {
        return CATALOGUE.names();
    }

    public static Catalogue<Optimiser> catalogue() {
        return CATALOGUE;
    }

    /** Adam with the paper's defaults and learning rate {@code lr}. */
    public static Optimiser adam(double lr) {
        return parse("adam(lr=" + Spec.formatNumber(lr) + ")");
    }
}
