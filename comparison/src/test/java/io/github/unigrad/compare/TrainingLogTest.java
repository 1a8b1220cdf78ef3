package io.github.unigrad.compare;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingLogTest {

    @Test
    void keepsLossesTimesAndTellsTheProgress() {
        List<Integer> seen = new ArrayList<>();
        TrainingLog log = new TrainingLog(5, seen::add);
        assertThat(log.epochEnded(2.0, 2_000_000)).isTrue();
        assertThat(log.epochEnded(1.0, 4_000_000)).isTrue();
        assertThat(log.losses()).containsExactly(2.0, 1.0);
        assertThat(log.times().millis()).containsExactly(2.0, 4.0);
        assertThat(log.times().median()).as("the first epoch is left out").isEqualTo(4.0);
        assertThat(seen).containsExactly(1, 2);
        assertThat(log.result(null, new double[0]).diverged()).isFalse();
    }

    @Test
    void aNaNOrExplodingLossStopsTheRunAndIsFlagged() {
        TrainingLog nan = new TrainingLog(5, null);
        nan.epochEnded(1.0, 1);
        assertThat(nan.epochEnded(Double.NaN, 1)).isFalse();
        assertThat(nan.result(null, new double[0]).divergedAt()).isEqualTo(2);

        TrainingLog exploding = new TrainingLog(5, null);
        exploding.epochEnded(0.5, 1);
        assertThat(exploding.epochEnded(999.0, 1)).isTrue();
        assertThat(exploding.epochEnded(1001.0, 1)).isFalse();
        assertThat(exploding.divergedAt()).isEqualTo(3);
    }

    @Test
    void divergenceIsRelativeToTheFirstEpoch() {
        assertThat(Divergence.isDiverged(5e3, 10)).isFalse();
        assertThat(Divergence.isDiverged(2e4, 10)).isTrue();
        assertThat(Divergence.isDiverged(Double.POSITIVE_INFINITY, 1)).isTrue();
    }
}
