package io.github.unigrad.schedule;

import io.github.unigrad.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each schedule's value at chosen 0-based steps, worked out by hand from its published definition. */
class SchedulesTest {
    static void assertValues(String spec, long[] steps, double[] expected) {
        Schedule s = Schedules.parse(spec);
        for (int i = 0; i < steps.length; i++) {
            assertThat(s.at(steps[i])).as("%s at step %d", spec, steps[i]).isCloseTo(expected[i], within(1e-15));
        }
    }

    @Test
    void constant() {
        assertValues("constant(0.3)", new long[] {0, 1000}, new double[] {0.3, 0.3});
    }

    @Test
    void stepDecaysEveryPeriod() {
        assertValues("step(1, every=3, gamma=0.5)", new long[] {0, 2, 3, 5, 6}, new double[] {1, 1, 0.5, 0.5, 0.25});
    }

    @Test
    void multistepDecaysAtEachMilestone() {
        assertValues("multistep(2, milestones=[2, 5], gamma=0.1)", new long[] {1, 2, 4, 5, 100},
                new double[] {2, 0.2, 0.2, 0.02, 0.02});
    }

    @Test
    void exponential() {
        assertValues("exponential(2, gamma=0.5)", new long[] {0, 1, 3}, new double[] {2, 1, 0.25});
    }

    @Test
    void inverseTimeIsTribuosLinearAndSqrtDecay() {
        // Tribuo: lr / t and lr / sqrt(t) with t = index + 1
        assertValues("inverse_time(0.6)", new long[] {0, 1, 2, 5}, new double[] {0.6, 0.3, 0.2, 0.1});
        assertValues("inverse_time(0.6, power=0.5)", new long[] {0, 3, 8}, new double[] {0.6, 0.3, 0.2});
        assertValues("inverse_time(1, decay=0.5, power=2)", new long[] {2}, new double[] {0.25});
    }

    @Test
    void polynomialReachesEndAndStays() {
        assertValues("polynomial(1, steps=4, end=0.2, power=2)", new long[] {0, 2, 4, 9},
                new double[] {1, 0.8 * 0.25 + 0.2, 0.2, 0.2});
    }

    @Test
    void cosineWithWarmup() {
        // warm-up 2: 0.5, 1; then cosine over 8 steps from 1 to 0.1
        assertValues("cosine(1, steps=10, warmup=2, end=0.1)", new long[] {0, 1, 2, 6, 10, 20},
                new double[] {0.5, 1, 1, 0.1 + 0.9 * 0.5, 0.1, 0.1});
    }

    @Test
    void cosineRestartsDoublesItsPeriod() {
        // cycles [0,2), [2,6), [6,14)
        assertValues("cosine_restarts(1, period=2, mult=2)", new long[] {0, 1, 2, 4, 6},
                new double[] {1, 0.5, 1, 0.5, 1});
    }

    @Test
    void warmupThenConstant() {
        assertValues("warmup(0.8, steps=4)", new long[] {0, 1, 3, 10}, new double[] {0.2, 0.4, 0.8, 0.8});
    }

    @Test
    void oneCycleAsPyTorch() {
        // steps 10, pct 0.3: peak at step 2 (0.3*10 - 1), end at step 9; initial 1/25, final 1/25/1e4
        double initial = 0.04;
        double last = initial / 1e4;
        assertValues("one_cycle(1, steps=10)", new long[] {0, 1, 2, 9, 20},
                new double[] {initial, initial + (1 - initial) / 2, 1, last, last});
        double midDown = last + (1 - last) * (1 + Math.cos(Math.PI * 3 / 7)) / 2;
        assertValues("one_cycle(1, steps=10)", new long[] {5}, new double[] {midDown});
    }

    @Test
    void warmupStableDecay() {
        // steps 10: warm-up 2 (0.5, 1), stable to step 5, cool-down over steps 6..9 to 0
        assertValues("wsd(1, steps=10, warmup=2, cooldown=4)", new long[] {0, 1, 5, 6, 7, 9, 12},
                new double[] {0.5, 1, 1, 0.75, 0.5, 0, 0});
    }

    @ParameterizedTest
    @ValueSource(strings = {"constant(value=0.1)", "step(lr=0.1, every=10, gamma=0.5)", "multistep(lr=0.1, milestones=[1, 7], gamma=0.2)",
            "exponential(lr=0.1, gamma=0.99)", "inverse_time(lr=0.1, decay=2, power=0.5)", "polynomial(lr=0.1, steps=50, end=0.01, power=2)",
            "cosine(lr=0.1, steps=100, warmup=10, end=0.001)", "cosine_restarts(lr=0.1, period=10, mult=2, end=0.001)",
            "warmup(lr=0.1, steps=10)", "one_cycle(lr=0.1, steps=100, pctStart=0.25, divFactor=10, finalDivFactor=100)",
            "wsd(lr=0.1, steps=100, warmup=10, cooldown=20, end=0.001)"})
    void specReadsBackToAnEqualSchedule(String text) {
        Schedule s = Schedules.parse(text);
        assertThat(Schedules.parse(s.spec().toString())).isEqualTo(s);
        assertThat(s.spec().toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "step(0.1, every=0); step: every = 0 is out of range; allowed [1, inf)",
            "step(-0.1, every=2); step: lr = -0.1 is out of range; allowed [0, inf)",
            "multistep(0.1, milestones=[5, 2]); strictly increasing",
            "exponential(0.1); exponential: missing required 'gamma'",
            "cosine(0.1); cosine: missing required 'steps'",
            "cosine(0.1, steps=10, warmup=12); warmup = 12 must be less than steps = 10",
            "one_cycle(0.1, steps=2); must lie in (1, steps)",
            "wsd(0.1, steps=10, warmup=6, cooldown=5); warmup + cooldown = 6 + 5 exceeds steps = 10",
            "cosine_restarts(0.1, period=5, mult=0.5); cosine_restarts: mult = 0.5 is out of range; allowed [1, inf)",
            "linear(0.1); unknown schedule 'linear'; valid names: constant, step",
            "warmup(0.1, steps=5, start=0); warmup: unknown key start; valid keys: lr, steps"})
    void badSchedulesAreRejectedWithClearMessages(String spec, String message) {
        assertThatThrownBy(() -> Schedules.parse(spec)).isInstanceOf(SpecException.class).hasMessageContaining(message);
    }
}
