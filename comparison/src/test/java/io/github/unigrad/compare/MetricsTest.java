package io.github.unigrad.compare;

import io.github.unigrad.compare.data.Table;
import io.github.unigrad.compare.data.Task;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    @Test
    void accuracyAndMacroF1ByHand() {
        // truth 0 0 1 1 2 2, predicted 0 1 1 1 2 0
        Table t = new Table("t", Task.CLASSIFICATION, new double[6][1], new double[] {0, 0, 1, 1, 2, 2}, List.of("a", "b", "c"));
        Metrics m = Metrics.classification(t, new int[] {0, 1, 1, 1, 2, 0});
        assertThat(m.accuracy()).isCloseTo(4 / 6.0, within(1e-15));
        // class 0: tp 1 fp 1 fn 1 → F1 2/4; class 1: tp 2 fp 1 fn 0 → 4/5; class 2: tp 1 fp 0 fn 1 → 2/3
        assertThat(m.macroF1()).isCloseTo((0.5 + 0.8 + 2 / 3.0) / 3, within(1e-15));
    }

    @Test
    void rmseAndR2ByHand() {
        Table t = new Table("t", Task.REGRESSION, new double[4][1], new double[] {1, 2, 3, 4}, List.of());
        Metrics m = Metrics.regression(t, new double[] {1, 2, 3, 6});
        assertThat(m.rmse()).isCloseTo(1.0, within(1e-15));
        // SSE 4, SST 5
        assertThat(m.r2()).isCloseTo(1 - 4 / 5.0, within(1e-15));
        assertThat(m.describe()).isEqualTo("RMSE 1.000, R² 0.200");
    }

    @Test
    void askingForTheOtherTasksMetricIsAnError() {
        Table t = new Table("t", Task.REGRESSION, new double[1][1], new double[] {1}, List.of());
        assertThatThrownBy(() -> Metrics.regression(t, new double[] {1}).accuracy()).isInstanceOf(IllegalStateException.class);
    }
}
