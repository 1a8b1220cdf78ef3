package io.github.unigrad.compare;

import java.util.ArrayList;
import java.util.List;

/** The comparisons to run, in order, and the ones asked for that cannot run. */
public final class Plan {
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();

    public void add(Comparison c) {
        comparisons.add(c);
    }

    /** Records a comparison that cannot run; the same reason for the same spec is said once. */
    public void skip(Skip s) {
        if (!skips.contains(s)) {
            skips.add(s);
        }
    }

    public List<Comparison> comparisons() {
        return List.copyOf(comparisons);
    }

    public List<Skip> skips() {
        return List.copyOf(skips);
    }
}
