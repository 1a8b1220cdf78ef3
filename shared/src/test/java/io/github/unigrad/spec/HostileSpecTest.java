package io.github.unigrad.spec;

import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.loss.Losses;
import io.github.unigrad.loss.NotDifferentiableException;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.optim.Transform;
import io.github.unigrad.optim.Transforms;
import io.github.unigrad.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The spec language under hostile input (issue 13, items 1, 8 and 9): a nesting limit instead of a stack
 * overflow, messages that name the component and key and quote a bounded, visible window, and
 * components that read back equal to themselves.
 */
class HostileSpecTest {

    private static String nested(String open, String innermost, String close, int depth) {
        return open.repeat(depth) + innermost + close.repeat(depth);
    }

    // item 1: nesting

    @ParameterizedTest
    @ValueSource(ints = {65, 1000, 100_000})
    void nestingBeyondTheLimitIsASpecExceptionNamingTheLimitAndThePosition(int depth) {
        String optimiser = nested("skip_nonfinite(inner=", "adam", ")", depth);
        int position = "skip_nonfinite(".length() + "skip_nonfinite(inner=".length() * 64 - 1;
        assertThatThrownBy(() -> Optimisers.parse(optimiser)).isExactlyInstanceOf(SpecException.class)
                .hasMessageStartingWith("nesting deeper than 64 levels")
                .hasMessageContaining("at position " + position + ", after \"…");
        assertThatThrownBy(() -> Optimisers.parse(nested("lookahead(inner=", "sgd", ")", depth)))
                .isExactlyInstanceOf(SpecException.class).hasMessageContaining("nesting deeper than 64 levels");
        assertThatThrownBy(() -> Losses.parse("multitask(losses=" + nested("[", "mse", "]", depth) + ", columns=[1])"))
                .isExactlyInstanceOf(SpecException.class).hasMessageContaining("nesting deeper than 64 levels");
        assertThatThrownBy(() -> Losses.parse(nested("multitask(losses=[", "mse", "], columns=[1])", depth)))
                .isExactlyInstanceOf(SpecException.class).hasMessageContaining("nesting deeper than 64 levels");
        assertThatThrownBy(() -> SpecParser.parse("f(x=" + nested("[", "1", "]", depth) + ")"))
                .isExactlyInstanceOf(SpecException.class).hasMessageContaining("nesting deeper than 64 levels");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        // 63 wrappers around sgd(): 64 levels of parentheses
        Optimiser deep = Optimisers.parse(nested("skip_nonfinite(inner=", "sgd()", ")", 63));
        assertThat(Optimisers.parse(deep.spec().toString())).isEqualTo(deep);
        assertThat(SpecParser.parse("f(x=" + nested("[", "1", "]", 63) + ")").toString()).hasSize(2 * 63 + 6);
    }

    @Test
    void aSpecBuiltInCodeIsHeldToTheSameLimit() {
        Spec s = Spec.of("leaf");
        for (int i = 1; i < SpecParser.MAX_DEPTH; i++) {
            s = Spec.of("wrap").with("inner", s);
        }
        Spec atLimit = s;
        assertThat(SpecParser.parse(atLimit.toString())).isEqualTo(atLimit);
        assertThatThrownBy(() -> Spec.of("wrap").with("inner", atLimit)).isExactlyInstanceOf(SpecException.class)
                .hasMessage("wrap: nested deeper than 64 levels (the limit on specs and lists inside each other)");
    }

    // item 8: messages

    @Test
    void aBadLearningRateNamesTheOptimiserAndTheKey() {
        assertThatThrownBy(() -> Optimisers.parse("adam(lr=nan)")).isExactlyInstanceOf(SpecException.class)
                .hasMessage("adam: lr = nan is out of range; allowed [0, inf)");
        assertThatThrownBy(() -> Optimisers.parse("sgd(-inf)")).hasMessage("sgd: lr = -inf is out of range; allowed [0, inf)");
        assertThatThrownBy(() -> Optimisers.parse("lookahead(inner=adam(lr=inf))"))
                .hasMessage("adam: lr = inf is out of range; allowed [0, inf)");
    }

    @Test
    void aNumberWhereAComponentIsExpectedSaysWhatWasExpectedAndWhatWasGiven() {
        assertThatThrownBy(() -> Optimisers.parse("lookahead(inner=0.5)")).isExactlyInstanceOf(SpecException.class)
                .hasMessage("lookahead: inner = 0.5 is a fractional number; expected an optimiser (a name such as"
                        + " gradient_descent, or name(key=value, ...))");
        assertThatThrownBy(() -> Optimisers.parse("chain(transforms=[1, scale_by_lr])"))
                .hasMessage("chain: transforms = 1 is a number; expected a transform (a name such as scale_by_lr,"
                        + " or name(key=value, ...))");
        assertThatThrownBy(() -> Losses.parse("multitask(losses=[mse, true], columns=[1, 1])"))
                .hasMessage("multitask: losses = true is a boolean; expected a loss (a name such as zero_one,"
                        + " or name(key=value, ...))");
        assertThatThrownBy(() -> Optimisers.parse("adam(lr=[0.1])"))
                .hasMessage("adam: lr = [0.1] is a list; expected a schedule (a name such as constant,"
                        + " or name(key=value, ...))");
    }

    @Test
    void messagesQuoteABoundedWindowWithAnEllipsis() {
        String huge = "adam(lr=0.1, b1=0.9" + ", b1=0.9".repeat(100_000) + ")";
        Throwable t = catchThrowable(() -> Optimisers.parse(huge));
        assertThat(t).isExactlyInstanceOf(SpecException.class);
        assertThat(t.getMessage()).hasSizeLessThan(200)
                .isEqualTo("key 'b1' given twice in adam(...) at position 27, after \"adam(lr=0.1, b1=0.9, b1=0.9\""
                        + " and before \", b1=0.9, b1=0.9, b1=0.9, b1=0.9, b1=0.9…\"");
        String longName = "x".repeat(1_000_000);
        assertThat(catchThrowable(() -> Losses.parse(longName)).getMessage())
                .hasSizeLessThan(1000).contains("'" + "x".repeat(Excerpt.SIDE) + "…" + "x".repeat(Excerpt.SIDE) + "'");
        String longList = "multistep(0.1, milestones=[" + "5, ".repeat(100_000) + "1])";
        assertThat(catchThrowable(() -> Schedules.parse(longList)).getMessage())
                .hasSizeLessThan(300).startsWith("multistep: milestones must be strictly increasing whole numbers below 2^63 (step indices), got [5, 5, 5");
        String longKey = "mse(" + "a".repeat(100_000) + "=1)";
        assertThat(catchThrowable(() -> Losses.parse(longKey)).getMessage())
                .hasSizeLessThan(300).startsWith("mse: unknown key aaaa");
    }

    /**
     * Found by {@code SpecPropertiesTest} on one seed: milestones at or above 2^63 both became {@code Long.MAX_VALUE},
     * so the schedule printed two equal milestones and its own spec no longer parsed.
     */
    @Test
    void milestonesBeyondTheLastStepIndexAreRefusedInsteadOfMerging() {
        assertThatThrownBy(() -> Schedules.parse("multistep(0.1, milestones=[9.3e18, 9.4e18])"))
                .isExactlyInstanceOf(SpecException.class)
                .hasMessageStartingWith("multistep: milestones must be strictly increasing whole numbers below 2^63");
        var s = Schedules.parse("multistep(0.1, milestones=[9.2e18, 9.223372036854775e18])");
        assertThat(Schedules.parse(s.spec().toString())).isEqualTo(s);
    }

    @Test
    void invisibleCharactersAreShownAsCodePoints() {
        assertThatThrownBy(() -> Optimisers.parse("adam(lr=0.1,\u00a0b1=0.9)")).isExactlyInstanceOf(SpecException.class)
                .hasMessage("unexpected U+00A0 (NO-BREAK SPACE) where a value was expected at position 12,"
                        + " after \"adam(lr=0.1,\" and before \"[U+00A0]b1=0.9)\"");
        assertThatThrownBy(() -> Optimisers.parse("ad\u200bam")).hasMessage(
                "unexpected U+200B (ZERO WIDTH SPACE) at position 2, after \"ad\" and before \"[U+200B]am\"");
        assertThatThrownBy(() -> Losses.parse("mse(\u0000)")).hasMessageContaining("U+0000 (NULL)");
        // a letter that only looks like an ASCII one is not an identifier character
        assertThatThrownBy(() -> Optimisers.parse("\u0430dam")).hasMessageStartingWith(
                "unexpected 'а' where a value was expected at position 0");
        assertThat(Excerpt.visible("a\tb\u2028c\ud83d\ude00")).isEqualTo("a[U+0009]b[U+2028]c\ud83d\ude00");
    }

    @Test
    void theWrapperRefusalsAreSpecExceptions() {
        assertThatThrownBy(() -> Optimisers.parse("lookahead(inner=lookahead(inner=adam))"))
                .isExactlyInstanceOf(SpecException.class)
                .hasMessageStartingWith("lookahead cannot wrap lookahead(inner=adam(lr=0.001");
        assertThatThrownBy(() -> Optimisers.parse("accumulate(inner=skip_nonfinite(inner=adam), every=4)"))
                .isExactlyInstanceOf(SpecException.class)
                .hasMessageStartingWith("accumulate cannot wrap skip_nonfinite(inner=adam(lr=0.001");
    }

    @Test
    void aMultitaskAskedForAGradientNamesTheTaskWithoutOne() {
        Loss loss = Losses.parse("multitask(losses=[mse, zero_one], columns=[1, 2])");
        LossBatch batch = LossBatch.of(1, 3, new double[] {0.5, 1, 2}, new double[] {1, 0, 1});
        assertThatThrownBy(() -> loss.compute(batch, true)).isInstanceOf(NotDifferentiableException.class)
                .hasMessageStartingWith("multitask's task 1 (zero_one(threshold=0.5)) has no gradient to train with");
        assertThat(loss.compute(batch, false).values()).containsExactly(0.25);
    }

    // item 9: round trips

    @Test
    void negativeZeroIsReadAsZero() {
        assertThat(SpecParser.parse("f(x=-0, y=[-0.0, -0e5])")).isEqualTo(SpecParser.parse("f(x=0, y=[0, 0])"));
        assertThat(Double.doubleToRawLongBits((Double) SpecParser.parse("f(-0)").positional().get(0))).isZero();
        assertThat(Spec.of("f").with("x", -0.0)).isEqualTo(Spec.of("f").with("x", 0.0));
        Optimiser adam = Optimisers.parse("adam(lr=-0)");
        assertThat(adam).isEqualTo(Optimisers.parse("adam(lr=0)")).isEqualTo(Optimisers.parse(adam.spec().toString()));
        assertThat(adam.hashCode()).isEqualTo(Optimisers.parse("adam(lr=0)").hashCode());
        assertThat(Losses.parse("huber(delta=1, weights=[-0, 1])")).isEqualTo(Losses.parse("huber(delta=1, weights=[0, 1])"));
    }

    @Test
    void everyTransformReadsBackEqualToItself() {
        for (String name : Transforms.catalogue().names()) {
            String text = switch (name) {
                case "clip", "clip_by_global_norm" -> name + "(max=2.5)";
                case "add_decayed_weights" -> name + "(weightDecay=0.01)";
                case "add_l1" -> name + "(strength=0.01)";
                case "prox_l1" -> name + "(l1=0.01, l2=0.5)";
                default -> name;
            };
            Transform t = Transforms.parse(text);
            Transform back = Transforms.parse(t.spec().toString());
            assertThat(back).as(name).isEqualTo(t).isNotSameAs(name.equals("scale_by_lr") ? null : t);
            assertThat(back.hashCode()).as(name).isEqualTo(t.hashCode());
        }
        assertThat(Transforms.parse("trace(momentum=0.5)")).isNotEqualTo(Transforms.parse("trace(momentum=0.6)"))
                .isNotEqualTo(Transforms.parse("scale_by_adam"));
        assertThat(List.of(Transforms.parse("clip(1)"))).contains(Transforms.parse("clip(max=1)"));
    }
}
