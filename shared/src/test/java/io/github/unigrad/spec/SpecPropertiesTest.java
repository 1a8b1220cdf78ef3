package io.github.unigrad.spec;

import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.schedule.Schedules;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Properties of the spec language over generated input (issue 13): whatever the text, parsing it
 * through any catalogue either builds a component or throws a {@link SpecException} (never another
 * exception, never a {@code StackOverflowError}); every component built reads back from its canonical
 * spec equal to itself with the same hash code; every schedule built is finite and ≥ 0 at any step
 * index and refuses any other index. Specs come from the grammar: the catalogue's own specs with their
 * values replaced (numbers including -0, NaN, ±∞ and the extremes, other words, dropped and extra keys,
 * nested specs mutated in turn), token soup with garbage and invisible characters, and deep nesting.
 */
class SpecPropertiesTest {
    private static final String[] NUMBERS = {"-0", "0", "-0.0", "0e0", "nan", "inf", "-inf", "1", "-1", "2", "0.5", "10", "100",
            "1e-8", "0.999", "1e-300", "1e300", "4.9e-324", "1.7976931348623157e308", "9223372036854775807",
            "9223372036854775806", "9.3e18", "5e18", "1e-320", "1_000", ".5", "-.5", "1e999"};
    private static final String[] WORDS = {"true", "false", "log", "mean", "none", "adam", "mse", "x", "inf", "nan", "linear"};
    private static final String[] GARBAGE = {"\u00a0", "\u200b", "\u0000", "\t", "\n", "é", "а", "\ud83d\ude00", "\ud83d", "\"",
            "'", "#", "-", "+", ".", "e", "E", "_", "1e", "--1", "=", "==", ",,", "()", "[]", "[", "]", "(", ")", ",", " "};

    // generated text: only SpecException

    @Property(tries = 400)
    void anyTokenSoupParsesOrIsASpecException(@ForAll("tokenSoup") String text) {
        for (Catalogue<?> c : CatalogueSeeds.catalogues()) {
            Throwable t = catchThrowable(() -> c.parse(text));
            assertThat(t).as("%s.parse(%s)", c.kind(), Excerpt.of(text)).satisfiesAnyOf(
                    x -> assertThat(x).isNull(), x -> assertThat(x).isExactlyInstanceOf(SpecException.class));
        }
    }

    @Property(tries = 60)
    void anyNestingParsesOrIsASpecException(@ForAll("nesting") String text) {
        for (Catalogue<?> c : CatalogueSeeds.catalogues()) {
            Throwable t = catchThrowable(() -> c.parse(text));
            assertThat(t).as("%s.parse(%s)", c.kind(), Excerpt.of(text)).satisfiesAnyOf(
                    x -> assertThat(x).isNull(), x -> assertThat(x).isExactlyInstanceOf(SpecException.class));
            if (t != null && text.length() > 2000) {
                assertThat(t.getMessage()).hasSizeLessThan(1000);
            }
        }
    }

    // mutated catalogue specs: SpecException or a component that reads back equal

    @Property(tries = 600)
    void everyComponentBuiltReadsBackEqualFromItsSpec(@ForAll("mutated") Map.Entry<Catalogue<?>, String> generated) {
        Catalogue<?> catalogue = generated.getKey();
        Object built;
        try {
            built = catalogue.parse(generated.getValue());
        } catch (SpecException refused) {
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("built");
        String printed = ((SpecDescribed) built).spec().toString();
        Object back = catalogue.parse(printed);
        assertThat(back).as(printed).isEqualTo(built);
        assertThat(back.hashCode()).as(printed).isEqualTo(built.hashCode());
        assertThat(((SpecDescribed) back).spec().toString()).isEqualTo(printed);
    }

    @Property(tries = 300)
    void everyScheduleBuiltIsFiniteAndNonNegativeAtEveryStepIndex(@ForAll("mutatedSchedules") String text,
                                                                  @ForAll("steps") long step) {
        Schedule s;
        try {
            s = Schedules.parse(text);
        } catch (SpecException refused) {
            return;
        }
        if (step < 0 || step > Schedule.MAX_STEP) {
            assertThatThrownBy(() -> s.at(step)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("step index " + step + " is out of range");
        } else {
            assertThat(s.at(step)).as("%s at %d", s.spec(), step).isFinite().isGreaterThanOrEqualTo(0);
        }
    }

    @Property(tries = 200)
    void everyOptimiserBuiltBeginsAnyStepIndexAndRefusesOthers(@ForAll("mutatedOptimisers") String text,
                                                               @ForAll("steps") long step) {
        Optimiser o;
        try {
            o = Optimisers.parse(text);
        } catch (SpecException refused) {
            return;
        }
        if (o.needsGradientSummary()) {
            return; // its begin needs the gradient's summary, which this property does not make
        }
        if (step < 0 || step > Schedule.MAX_STEP) {
            assertThatThrownBy(() -> o.begin(step, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("step index");
        } else {
            assertThat(o.begin(step, null).index()).isEqualTo(step);
            assertThat(o.learningRate(step)).isFinite().isGreaterThanOrEqualTo(0);
        }
    }

    // generators

    @Provide
    Arbitrary<String> tokenSoup() {
        List<String> tokens = new ArrayList<>(List.of(NUMBERS));
        tokens.addAll(List.of(WORDS));
        tokens.addAll(List.of(GARBAGE));
        tokens.addAll(List.of("lr=", "inner=", "transforms=[", "losses=[", "columns=[", "b1=", "steps=", "weights=[", "(", ")",
                "[", "]", ", ", "="));
        for (Catalogue<?> c : CatalogueSeeds.catalogues()) {
            tokens.addAll(c.names());
            for (String name : c.names()) {
                tokens.add(name + "(");
            }
        }
        tokens.addAll(CatalogueSeeds.of(Optimisers.catalogue()));
        return Arbitraries.of(tokens).list().ofMinSize(1).ofMaxSize(30).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> nesting() {
        Arbitrary<String[]> shapes = Arbitraries.of(
                new String[] {"skip_nonfinite(inner=", "adam", ")"},
                new String[] {"lookahead(inner=", "sgd", ")"},
                new String[] {"averaging(", "adam", ")"},
                new String[] {"multitask(losses=[", "mse", "], columns=[1])"},
                new String[] {"mse(weights=", "1", ")"},
                new String[] {"[", "mse", "]"},
                new String[] {"adam(lr=[", "0.1", "])"},
                new String[] {"chain(transforms=[", "scale_by_lr", "])"},
                new String[] {"(", "mse", ")"},
                new String[] {"f(", "", ""});
        Arbitrary<Integer> depths = Arbitraries.oneOf(Arbitraries.integers().between(1, 80),
                Arbitraries.integers().between(80, 5000), Arbitraries.of(63, 64, 65, 100_000));
        return shapes.flatMap(s -> depths.map(d -> s[0].repeat(d) + s[1] + s[2].repeat(d)));
    }

    @Provide
    Arbitrary<Map.Entry<Catalogue<?>, String>> mutated() {
        return Arbitraries.of(CatalogueSeeds.all()).flatMap(seed -> Arbitraries.longs().map(
                r -> Map.entry(seed.getKey(), mutate(seed.getKey(), seed.getValue(), new Random(r)))));
    }

    @Provide
    Arbitrary<String> mutatedSchedules() {
        return Arbitraries.of(CatalogueSeeds.of(Schedules.catalogue())).flatMap(seed -> Arbitraries.longs().map(
                r -> mutate(Schedules.catalogue(), seed, new Random(r))));
    }

    @Provide
    Arbitrary<String> mutatedOptimisers() {
        return Arbitraries.of(CatalogueSeeds.of(Optimisers.catalogue())).flatMap(seed -> Arbitraries.longs().map(
                r -> mutate(Optimisers.catalogue(), seed, new Random(r))));
    }

    @Provide
    Arbitrary<Long> steps() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 10_000), Arbitraries.longs(),
                Arbitraries.of(0L, 1L, 9L, 10L, 99L, 100L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Schedule.MAX_STEP,
                        Integer.MAX_VALUE + 1L, 1L << 53, (1L << 53) + 1));
    }

    /** The canonical spec of {@code seed} (built by {@code catalogue}) printed with its values randomly replaced. */
    private static String mutate(Catalogue<?> catalogue, String seed, Random r) {
        Spec canonical = ((SpecDescribed) catalogue.parse(seed)).spec();
        return spec(canonical, r);
    }

    private static String spec(Spec s, Random r) {
        StringBuilder sb = new StringBuilder(s.name()).append('(');
        List<String> args = new ArrayList<>();
        for (Object p : s.positional()) {
            args.add(value(p, r));
        }
        for (Map.Entry<String, Object> e : s.named().entrySet()) {
            int dice = r.nextInt(20);
            if (dice == 0) {
                continue; // dropped: the default, or a missing required key
            }
            args.add(e.getKey() + "=" + value(e.getValue(), r));
        }
        if (r.nextInt(30) == 0) {
            args.add(r.nextBoolean() ? "unknownKey=1" : value(1.0, r));
        }
        return sb.append(String.join(", ", args)).append(')').toString();
    }

    private static String value(Object v, Random r) {
        if (v instanceof Double d) {
            int dice = r.nextInt(10);
            if (dice < 4) {
                return Spec.formatNumber(d);
            }
            if (dice < 7) {
                return NUMBERS[r.nextInt(NUMBERS.length)];
            }
            double x = r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
            return dice < 9 ? Spec.formatNumber(x) : Long.toString(r.nextInt(1000));
        }
        if (v instanceof Boolean b) {
            int dice = r.nextInt(10);
            return dice < 7 ? Boolean.toString(b ^ dice < 3) : dice < 9 ? WORDS[r.nextInt(WORDS.length)] : "1";
        }
        if (v instanceof Spec s) {
            return r.nextInt(15) == 0 ? NUMBERS[r.nextInt(NUMBERS.length)] : spec(s, r);
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            for (Object o : l) {
                items.add(value(o, r));
                if (r.nextInt(15) == 0) {
                    items.add(value(o, r));
                }
            }
            if (!items.isEmpty() && r.nextInt(15) == 0) {
                items.remove(items.size() - 1);
            }
            return "[" + String.join(", ", items) + "]";
        }
        return r.nextInt(5) == 0 ? WORDS[r.nextInt(WORDS.length)] : String.valueOf(v);
    }
}
