package io.github.unigrad.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EpochTimesTest {

    @Test
    void theMedianAndSpreadLeaveTheFirstEpochOut() {
        // timed: 10, 12, 14, 30 (the first epoch, 100 ms, is the JIT's); median (12+14)/2 = 13;
        // quartiles at ranks 0.75 and 2.25: 10 + 0.75·2 = 11.5 and 14 + 0.25·16 = 18, so the spread is 6.5
        EpochTimes t = new EpochTimes(new double[] {100, 10, 12, 14, 30});
        assertThat(t.timedEpochs()).isEqualTo(4);
        assertThat(t.median()).isCloseTo(13.0, within(1e-12));
        assertThat(t.spread()).isCloseTo(6.5, within(1e-12));
        assertThat(t.describe()).isEqualTo("13.0 ± 3.3");
        assertThat(t.toString()).contains("100.0").doesNotContain("[D@");
    }

    @Test
    void aSingleEpochIsItsOwnSummary() {
        EpochTimes t = new EpochTimes(new double[] {7});
        assertThat(t.median()).isEqualTo(7.0);
        assertThat(t.spread()).isZero();
        assertThat(new EpochTimes(new double[0]).median()).isNaN();
    }

    @Test
    void aDifferenceSmallerThanTheSpreadIsNoise() {
        EpochTimes a = new EpochTimes(new double[] {50, 10, 12, 14, 16});
        EpochTimes close = new EpochTimes(new double[] {50, 12, 14, 16, 18});
        EpochTimes far = new EpochTimes(new double[] {50, 40, 41, 42, 43});
        assertThat(a.withinNoise(close)).isTrue();
        assertThat(a.withinNoise(far)).isFalse();
        assertThat(far.withinNoise(a)).isFalse();
        assertThat(new EpochTimes(new double[] {1, 2}).withinNoise(far)).as("too few epochs to tell").isTrue();
    }
}
