package io.github.unigrad.schedule;

import io.github.unigrad.spec.CatalogueSeeds;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Schedules at every step index (issue 13, items 5 and 7): cosine_restarts in closed form, equal to the
 * iterative definition; step indices outside [0, MAX_STEP] refused; hyperparameters that would make a
 * rate infinite or NaN at a reachable step refused at parse time; any other non-finite value refused at
 * the step it appears.
 */
class ScheduleStepsTest {

    /** SGDR as defined (Loshchilov and Hutter, 2017): walk the cycles, each {@code mult} times the last. */
    private static double iterativeSgdr(double lr, long period, double mult, double end, long step) {
        double length = period;
        double s = step;
        while (s >= length) {
            s -= length;
            length *= mult;
        }
        return end + (lr - end) * (1 + Math.cos(Math.PI * s / length)) / 2;
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "7, 1", "1, 2", "3, 2", "10, 3", "5, 1.5", "4, 1.1", "2, 1.0001", "1, 7.25", "13, 64"})
    void cosineRestartsInClosedFormMatchesTheIterativeDefinition(long period, double mult) {
        Schedule s = Schedules.parse("cosine_restarts(0.5, period=" + period + ", mult=" + Spec.formatNumber(mult) + ", end=0.01)");
        boolean[] nearAStart = mult == Math.rint(mult) ? new boolean[STEPS] : nearACycleStart(period, mult);
        for (int t = 0; t < STEPS; t++) {
            if (nearAStart[t]) {
                continue; // the two definitions may round a cycle start to either side
            }
            assertThat(s.at(t)).as("period %d, mult %s, step %d", period, mult, t)
                    .isCloseTo(iterativeSgdr(0.5, period, mult, 0.01, t), within(1e-9));
        }
    }

    private static final int STEPS = 5_000;

    /** The steps within 1e-6 of a cycle start, as the iterative definition computes the starts. */
    private static boolean[] nearACycleStart(long period, double mult) {
        boolean[] near = new boolean[STEPS];
        double length = period;
        for (double start = 0; start < STEPS + 1; start += length, length *= mult) {
            long t = Math.round(start);
            if (t < STEPS && Math.abs(start - t) < 1e-6) {
                near[(int) t] = true;
            }
        }
        return near;
    }

    @Test
    void cosineRestartsReturnsAtAnyStep() {
        for (String mult : new String[] {"1", "1.0000001", "1.5", "2", "1e300"}) {
            Schedule s = Schedules.parse("cosine_restarts(0.5, period=3, mult=" + mult + ", end=0.01)");
            for (long t : new long[] {1L << 53, (1L << 53) + 1, Long.MAX_VALUE / 2, Schedule.MAX_STEP}) {
                assertThat(s.at(t)).as("mult %s at %d", mult, t).isBetween(0.01, 0.5);
            }
        }
        // mult = 1: the position is t mod period, exact at any step
        Schedule flat = Schedules.parse("cosine_restarts(1, period=4)");
        assertThat(flat.at(Schedule.MAX_STEP - Schedule.MAX_STEP % 4)).isEqualTo(1.0);
        assertThat(flat.at(Schedule.MAX_STEP - Schedule.MAX_STEP % 4 + 2)).isCloseTo(0.5, within(1e-15));
        // a whole mult restarts exactly on each cycle start, 2^k - 1 for period 1 and mult 2
        Schedule doubling = Schedules.parse("cosine_restarts(1, period=1, mult=2)");
        for (int k = 1; k < 62; k++) {
            assertThat(doubling.at((1L << k) - 1)).as("cycle %d starts at %d", k, (1L << k) - 1).isEqualTo(1.0);
        }
    }

    @Test
    void stepIndicesOutsideTheRangeAreRefusedByEverySchedule() {
        for (String spec : CatalogueSeeds.of(Schedules.catalogue())) {
            Schedule s = Schedules.parse(spec);
            for (long bad : new long[] {-1, Long.MIN_VALUE, Long.MAX_VALUE}) {
                assertThatThrownBy(() -> s.at(bad)).as(spec).isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessage("step index " + bad + " is out of range; allowed [0, 9223372036854775806]"
                                + " (0-based, so that the count index + 1 is a long)");
            }
            assertThat(s.at(Schedule.MAX_STEP)).as(spec).isFinite().isNotNegative();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "exponential(1, gamma=10); exponential: the rate is inf at step 309 in exponential(lr=1, gamma=10)",
            "exponential(1e-9, gamma=2); exponential: the rate is inf at step 1024",
            "exponential(0, gamma=2); exponential: the rate is nan at step 1024",
            "step(1, every=10, gamma=2); step: the rate is inf at step 10240",
            "multistep(1, milestones=[1, 2], gamma=1e200); multistep: the rate is inf at step 2",
            "one_cycle(0.1, steps=100, finalDivFactor=1e-320); one_cycle: the rate is",
            "one_cycle(1e300, steps=100, divFactor=1e-10); one_cycle: the rate is inf at step 0",
            "cosine(1e300, steps=1e18, warmup=1e10); cosine: the rate is inf at step",
            "wsd(0.1, steps=9e18, warmup=5e18, cooldown=5e18); wsd: warmup + cooldown = 5000000000000000000 + 5000000000000000000 exceeds steps = 9000000000000000000",
            "wsd(0.1, steps=1e19); wsd: steps = 1e19 is out of range; allowed whole numbers in [1, 2^63)",
            "warmup(0.1, steps=inf); warmup: steps = inf is out of range; allowed whole numbers in [1, 2^63)",
            "cosine(0.1, steps=1e30); cosine: steps = 1e30 is out of range; allowed whole numbers in [1, 2^63)",
            "constant(-1); constant: value = -1 is out of range; allowed [0, inf)",
            "constant(inf); constant: value = inf is out of range; allowed [0, inf)"})
    void hyperparametersThatMakeTheRateNonFiniteAreRefusedAtParseTime(String spec, String message) {
        assertThatThrownBy(() -> Schedules.parse(spec)).isExactlyInstanceOf(SpecException.class).hasMessageContaining(message);
    }

    @Test
    void theRefusedStepIsTheFirstNonFiniteOne() {
        Schedule last = new Exponential(1, 10);
        assertThat(last.at(308)).isEqualTo(1e308, within(1e294));
        assertThatThrownBy(() -> last.at(309)).isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("exponential(lr=1, gamma=10) is inf at step 309; a rate must be finite and ≥ 0");
    }

    @Test
    void aScheduleThatStopsBeingFiniteFailsAtThatStepWithItsName() {
        Schedule custom = new Schedule() {
            @Override
            public double rate(long step) {
                return step < 5 ? 0.1 : Double.NaN;
            }

            @Override
            public Spec spec() {
                return Spec.of("custom");
            }
        };
        assertThat(custom.at(4)).isEqualTo(0.1);
        assertThatThrownBy(() -> custom.at(5)).isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("custom() is nan at step 5; a rate must be finite and ≥ 0");
    }

    @Test
    void extremeButFiniteHyperparametersStayFinite() {
        assertThat(Schedules.parse("cosine_restarts(1.7976931348623157e308, period=3, end=1)").at(0))
                .isEqualTo(Double.MAX_VALUE);
        assertThat(Schedules.parse("exponential(1, gamma=1)").at(Schedule.MAX_STEP)).isEqualTo(1.0);
        assertThat(Schedules.parse("exponential(1, gamma=1e-300)").at(Schedule.MAX_STEP)).isZero();
        assertThat(Schedules.parse("wsd(0.1, steps=9e18, warmup=4e18, cooldown=5e18)").at(Schedule.MAX_STEP)).isZero();
        assertThat(Schedules.parse("inverse_time(1, decay=1e300, power=0)").at(Schedule.MAX_STEP)).isEqualTo(1.0);
    }
}
