package io.github.unigrad.schedule;

import io.github.unigrad.spec.Catalogue;
import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;

import java.util.List;

/**
 * The schedule catalogue. In an optimiser spec a schedule is written where a learning rate goes:
 * {@code lr=0.01} (constant) or {@code lr=cosine(1e-3, steps=10000, warmup=500)}.
 */
public final class Schedules {
    private static final Catalogue<Schedule> CATALOGUE = new Catalogue<Schedule>("schedule")
            .add("constant", "η_t = value",
                    p -> new Constant(p.positionalKeys("value").requiredReal("value", Range.ANY)));

    private Schedules() {
    }

    public static Schedule parse(String spec) {
        return CATALOGUE.parse(spec);
    }

    public static Schedule build(Spec spec) {
        return CATALOGUE.build(spec);
    }

    public static List<String> names() {
        return CATALOGUE.names();
    }

    public static Catalogue<Schedule> catalogue() {
        return CATALOGUE;
    }

    /**
     * Prints a schedule the way it is written inside an optimiser spec: a constant as its bare number,
     * anything else as its spec.
     */
    public static Object inSpec(Schedule s) {
        return s instanceof Constant c ? (Object) c.value() : s.spec();
    }
}
