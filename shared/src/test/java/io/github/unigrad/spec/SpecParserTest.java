package io.github.unigrad.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecParserTest {

    @Test
    void parsesNamedPositionalNestedAndLists() {
        Spec s = SpecParser.parse(" adamw( lr = cosine(1e-3, steps=10000, warmup=500), weightDecay=0.01, nesterov=true, qs=[0.1, 0.9], mode=log)");
        assertThat(s.name()).isEqualTo("adamw");
        Spec lr = (Spec) s.named().get("lr");
        assertThat(lr.name()).isEqualTo("cosine");
        assertThat(lr.positional()).containsExactly(1e-3);
        assertThat(lr.named()).containsEntry("steps", 10000.0).containsEntry("warmup", 500.0);
        assertThat(s.named()).containsEntry("weightDecay", 0.01).containsEntry("nesterov", true)
                .containsEntry("qs", List.of(0.1, 0.9)).containsEntry("mode", "log");
    }

    @Test
    void printsCanonicalTextThatReadsBackEqual() {
        String text = "adamw(lr=cosine(0.001, steps=10000), weightDecay=0.01, eps=1e-8, flag=false, qs=[0.1, 0.9], big=inf)";
        Spec s = SpecParser.parse(text);
        assertThat(s.toString()).isEqualTo(text);
        assertThat(SpecParser.parse(s.toString())).isEqualTo(s);
    }

    @Test
    void bareNameIsASpecWithoutArguments() {
        assertThat(SpecParser.parse("mse")).isEqualTo(Spec.of("mse"));
        assertThat(SpecParser.parse("mse()")).isEqualTo(Spec.of("mse"));
    }

    @Test
    void numbersFormatShortestExact() {
        assertThat(Spec.formatNumber(2)).isEqualTo("2");
        assertThat(Spec.formatNumber(0.5)).isEqualTo("0.5");
        assertThat(Spec.formatNumber(1e-8)).isEqualTo("1e-8");
        assertThat(Spec.formatNumber(-3.25e20)).isEqualTo("-3.25e20");
        for (double d : new double[] {0.1, 1e-3, 123456.789, 1e-300, 6.02e23}) {
            assertThat(Double.parseDouble(Spec.formatNumber(d))).isEqualTo(d);
        }
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThatThrownBy(() -> SpecParser.parse("huber(delta=)")).isInstanceOf(SpecException.class)
                .hasMessageContaining("position 12");
        assertThatThrownBy(() -> SpecParser.parse("huber(delta=1")).hasMessageContaining("expected ',' or ')'");
        assertThatThrownBy(() -> SpecParser.parse("huber(delta=1, delta=2)")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> SpecParser.parse("huber(delta=1) x")).hasMessageContaining("unexpected 'x'");
        assertThatThrownBy(() -> SpecParser.parse("")).hasMessageContaining("empty spec");
        assertThatThrownBy(() -> SpecParser.parse("f(a=1.2.3)")).hasMessageContaining("not a number: '1.2.3'");
    }

    @Test
    void paramsCheckRangesTypesAndUnknownKeys() {
        Params p = new Params(SpecParser.parse("focal(gamma=-1)"));
        assertThatThrownBy(() -> p.real("gamma", 2, Range.NON_NEGATIVE))
                .hasMessage("focal: gamma = -1 is out of range; allowed [0, inf)");
        Params q = new Params(SpecParser.parse("focal(gama=1)"));
        q.real("gamma", 2, Range.NON_NEGATIVE);
        q.real("alpha", 0.25, Range.UNIT);
        assertThatThrownBy(q::done).hasMessage("focal: unknown key gama; valid keys: gamma, alpha");
        Params r = new Params(SpecParser.parse("f(n=1.5, b=3, x=nan)"));
        assertThatThrownBy(() -> r.integer("n", 1, 0, 10)).hasMessage("f: n = 1.5 is a fractional number; expected a whole number");
        assertThatThrownBy(() -> r.bool("b", true)).hasMessage("f: b = 3 is a number; expected true or false");
        assertThatThrownBy(() -> r.real("x", 1, Range.ANY)).hasMessageContaining("x = nan is out of range");
    }

    @Test
    void unknownNameListsValidOnes() {
        Catalogue<String> c = new Catalogue<String>("loss").add("mse", "", p -> "mse").add("mae", "", p -> "mae");
        assertThatThrownBy(() -> c.parse("msee")).hasMessage("unknown loss 'msee'; valid names: mse, mae");
    }
}
