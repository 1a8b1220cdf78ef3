package io.github.unigrad.spec;

import io.github.unigrad.loss.Losses;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.optim.Transforms;
import io.github.unigrad.schedule.Schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One valid spec for every entry of the four catalogues (the bare name where the defaults do, the
 * required keys otherwise), for tests that start from valid components: their canonical specs list
 * every key the component reads.
 */
public final class CatalogueSeeds {
    /** Specs for the entries that have required keys. */
    private static final Map<String, String> REQUIRED = Map.ofEntries(
            Map.entry("multitask", "multitask(losses=[mse, softmax_cross_entropy], columns=[1, 3], weights=[1, 0.5])"),
            Map.entry("gradient_descent", "gradient_descent(lr=0.1)"),
            Map.entry("momentum", "momentum(lr=cosine(0.1, steps=100, warmup=10))"),
            Map.entry("nesterov", "nesterov(lr=0.1)"),
            Map.entry("pegasos", "pegasos(lr=0.1, lambda=0.01)"),
            Map.entry("averaging", "averaging(inner=adam)"),
            Map.entry("accumulate", "accumulate(inner=sgd(momentum=0.9), every=2)"),
            Map.entry("lookahead", "lookahead(inner=adamw(lr=step(0.01, every=10)))"),
            Map.entry("skip_nonfinite", "skip_nonfinite(inner=chain(transforms=[clip_by_global_norm(1), scale_by_adam, scale_by_lr]))"),
            Map.entry("chain", "chain(transforms=[trace, scale_by_lr, clip(1)], lr=0.1)"),
            Map.entry("clip", "clip(max=1)"),
            Map.entry("clip_by_global_norm", "clip_by_global_norm(max=1)"),
            Map.entry("add_decayed_weights", "add_decayed_weights(weightDecay=0.01)"),
            Map.entry("add_l1", "add_l1(strength=0.01)"),
            Map.entry("prox_l1", "prox_l1(l1=0.01)"),
            Map.entry("constant", "constant(0.1)"),
            Map.entry("step", "step(0.1, every=10)"),
            Map.entry("multistep", "multistep(0.1, milestones=[10, 20])"),
            Map.entry("exponential", "exponential(0.1, gamma=0.99)"),
            Map.entry("inverse_time", "inverse_time(0.1, decay=0.5)"),
            Map.entry("polynomial", "polynomial(0.1, steps=100)"),
            Map.entry("cosine", "cosine(0.1, steps=100, warmup=10)"),
            Map.entry("cosine_restarts", "cosine_restarts(0.1, period=10, mult=2)"),
            Map.entry("warmup", "warmup(0.1, steps=10)"),
            Map.entry("one_cycle", "one_cycle(0.1, steps=100)"),
            Map.entry("wsd", "wsd(0.1, steps=100, warmup=10, cooldown=20)"));

    private CatalogueSeeds() {
    }

    /** The four catalogues. */
    public static List<Catalogue<?>> catalogues() {
        return List.of(Losses.catalogue(), Optimisers.catalogue(), Transforms.catalogue(), Schedules.catalogue());
    }

    /** A valid spec for every entry of {@code catalogue}. */
    public static List<String> of(Catalogue<?> catalogue) {
        List<String> out = new ArrayList<>();
        for (String name : catalogue.names()) {
            out.add(REQUIRED.getOrDefault(name, name));
        }
        return out;
    }

    /** Every seed of every catalogue, each with its catalogue. */
    public static List<Map.Entry<Catalogue<?>, String>> all() {
        List<Map.Entry<Catalogue<?>, String>> out = new ArrayList<>();
        for (Catalogue<?> c : catalogues()) {
            for (String s : of(c)) {
                out.add(Map.entry(c, s));
            }
        }
        return out;
    }
}
