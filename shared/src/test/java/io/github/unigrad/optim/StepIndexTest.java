package io.github.unigrad.optim;

import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.spec.CatalogueSeeds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Step indices where an optimiser's step begins (issue 13, item 7): a negative index or one past
 * {@link Schedule#MAX_STEP} is refused by every optimiser with the same clear error, and the last index
 * gives a finite update (Adam's bias corrections at t = 2^63 - 1 are 1, not NaN).
 */
class StepIndexTest {

    @Test
    void everyOptimiserRefusesAStepIndexOutOfRange() {
        for (String spec : CatalogueSeeds.of(Optimisers.catalogue())) {
            Optimiser o = Optimisers.parse(spec);
            GradientSummary summary = new GradientSummary().add(new double[] {1, -2}, 0, 2);
            for (long bad : new long[] {-1, -1_000_000, Long.MIN_VALUE, Long.MAX_VALUE}) {
                assertThatThrownBy(() -> o.begin(bad, summary)).as(spec).isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("step index " + bad + " is out of range; allowed [0, 9223372036854775806]");
                assertThatThrownBy(() -> o.learningRate(bad)).as(spec).isExactlyInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void theLastStepIndexGivesAFiniteUpdateForEveryOptimiser() {
        for (String spec : CatalogueSeeds.of(Optimisers.catalogue())) {
            Optimiser o = Optimisers.parse(spec);
            for (long index : new long[] {Schedule.MAX_STEP, Integer.MAX_VALUE + 1L, 1L << 53}) {
                Run run = new Run(o, new double[] {0.5, -0.25, 2});
                run.index = index;
                double[] u = run.step(new double[] {1, -2, 0.5});
                for (double x : u) {
                    assertThat(x).as("%s at %d", spec, index).isFinite();
                }
            }
        }
    }

    @Test
    void adamAtTheLastStepIndexHasNoBiasCorrectionLeft() {
        Run run = new Run(Optimisers.parse("adam(lr=0.001)"), new double[] {0, 0});
        run.index = Schedule.MAX_STEP;
        double[] g = {1, -2};
        double[] u = run.step(g);
        for (int j = 0; j < g.length; j++) {
            // m = 0.1 g, v = 0.001 g², and 1 - β^t = 1: u = lr · m / (√v + ε)
            double expected = 0.001 * (0.1 * g[j]) / (Math.sqrt(0.001 * g[j] * g[j]) + 1e-8);
            assertThat(u[j]).isCloseTo(expected, within(1e-15));
        }
    }
}
