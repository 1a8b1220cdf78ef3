package io.github.unigrad.loss;

import io.github.unigrad.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SquaredErrorTest {

    @Test
    void handWorkedValues() {
        // x = [1, 2 | 0, -1], y = [0, 4 | 0, 1]: squared errors [1, 4 | 0, 4]
        LossBatch b = LossBatch.of(2, 2, new double[] {1, 2, 0, -1}, new double[] {0, 4, 0, 1});
        LossResult mse = Losses.parse("mse").compute(b, true);
        assertThat(mse.values()).containsExactly(2.5, 2.0);
        assertThat(mse.gradient()).containsExactly(1, -2, 0, -2);
        LossResult l2 = Losses.parse("l2").compute(b, true);
        assertThat(l2.values()).containsExactly(5.0, 4.0);
        assertThat(l2.value(Reduction.MEAN)).isEqualTo(4.5);
        assertThat(l2.gradient(Reduction.MEAN)).containsExactly(1, -2, 0, -2);
    }

    @Test
    void weightsAndMasks() {
        LossBatch b = LossBatch.of(2, 2, new double[] {1, 2, 0, -1}, new double[] {0, 4, 0, 1})
                .withExampleWeights(new double[] {0.5, 0}).withOutputMask(new double[] {1, 0, 1, 1});
        LossResult r = Losses.parse("mse(weights=[2, 1])").compute(b, true);
        // example 0: (2*1 + 0) / 2 * 0.5 = 0.5; example 1 has weight 0
        assertThat(r.values()).containsExactly(0.5, 0.0);
        assertThat(r.gradient()).containsExactly(1, 0, 0, 0);
        assertThat(r.value(Reduction.WEIGHTED_MEAN)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        java.util.Random rnd = new java.util.Random(1);
        double[] x = rnd.doubles(12, -3, 3).toArray();
        double[] y = rnd.doubles(12, -3, 3).toArray();
        LossBatch b = LossBatch.of(3, 4, x, y).withExampleWeights(new double[] {1, 0.3, 2});
        FiniteDifferences.assertGradientMatches(Losses.parse("mse(weights=[1, 2, 0.5, 0])"), b, 1e-6, 1e-7, 1e-9);
    }

    @Test
    void specRoundTrips() {
        Loss l = Losses.parse("mse(weights=[1, 2.5])");
        assertThat(l.spec().toString()).isEqualTo("mse(weights=[1, 2.5])");
        assertThat(Losses.parse(l.spec().toString())).isEqualTo(l);
    }
}
