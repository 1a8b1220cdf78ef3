package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 13's optimiser probes, each with the exact behaviour wanted: an overflow-safe global norm (item 6) and
 * misuse of the low-level step API refused with an {@link IllegalArgumentException} naming the lengths or the index
 * (item 10).
 */
class HostileStepRegressionTest {

    @Test
    void theGlobalNormOfHugeAndTinyFiniteEntriesIsFinite() {
        GradientSummary huge = new GradientSummary().add(new double[] {3e200, 4e200}, 0, 2);
        assertThat(huge.isFinite()).isTrue();
        assertThat(huge.norm()).isCloseTo(5e200, within(1e186));
        GradientSummary tiny = new GradientSummary().add(new double[] {3e-200, 4e-200}, 0, 2);
        assertThat(tiny.norm()).isCloseTo(5e-200, within(1e-214));
        // pieces of every size, in any order: the scales combine
        GradientSummary mixed = new GradientSummary().add(new double[] {3e-200}, 0, 1).add(new double[] {1, 2}, 0, 2)
                .add(new double[] {4e200}, 0, 1).add(new float[] {2f}, 0, 1);
        assertThat(mixed.norm()).isCloseTo(4e200, within(1e186));
        // a norm beyond the double range: the norm is +inf, but the clip factor is still exact
        GradientSummary beyond = new GradientSummary().add(new double[] {1e308, 1e308, 1e308, 1e308}, 0, 4);
        assertThat(beyond.isFinite()).isTrue();
        assertThat(beyond.clipFactor(1)).isCloseTo(0.5e-308, within(1e-322));
        assertThat(new GradientSummary().add(new double[] {1, Double.POSITIVE_INFINITY}, 0, 2).norm()).isInfinite();
        assertThat(new GradientSummary().add(new double[] {1e300, Double.NaN}, 0, 2).isFinite()).isFalse();
        assertThat(new GradientSummary().add(new double[] {0, 0}, 0, 2).norm()).isEqualTo(0.0);
    }

    @Test
    void clipByGlobalNormClipsHugeFiniteEntriesAndSkipNonFiniteKeepsThem() {
        Optimiser clip = Optimisers.parse("chain(transforms=[clip_by_global_norm(1), scale_by_lr], lr=1)");
        double[] u = {3e200, -4e200};
        clip.dense(clip.begin(0, new GradientSummary().add(u, 0, 2)), u, null, 0, new double[0][], 2);
        assertThat(u[0]).isCloseTo(0.6, within(1e-15));
        assertThat(u[1]).isCloseTo(-0.8, within(1e-15));
        Optimiser skip = Optimisers.parse("skip_nonfinite(inner=sgd(lr=1e-200))");
        double[] g = {3e200, -4e200};
        skip.dense(skip.begin(0, new GradientSummary().add(g, 0, 2)), g, null, 0, new double[skip.slabs()][2], 2);
        assertThat(g[0]).as("a finite step is taken, not skipped").isCloseTo(3, within(1e-14));
    }

    @Test
    void stateSlabsMissingOrTooShortAreRefusedNamingTheLengths() {
        Optimiser adam = Optimisers.parse("adam");
        Step s = adam.begin(0, null);
        double[] u = new double[5];
        assertThatThrownBy(() -> adam.dense(s, u, null, 0, new double[1][5], 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("needs 2 state slabs from slab 0, got 1 slabs");
        assertThatThrownBy(() -> adam.dense(s, u, null, 0, null, 5)).hasMessageEndingWith("got no state (null)");
        assertThatThrownBy(() -> adam.dense(s, u, null, 0, new double[][] {new double[5], new double[4]}, 5))
                .hasMessageEndingWith("the state slab 1 array has length 4, needs at least 5 (offset 0 + count 5)");
        assertThatThrownBy(() -> adam.dense(s, u, null, 2, new double[2][5], 5))
                .hasMessageEndingWith("the update array has length 5, needs at least 7 (offset 2 + count 5)");
        assertThatThrownBy(() -> adam.dense(s, u, null, -1, new double[2][5], 5))
                .hasMessageEndingWith("offset and count must be >= 0; got offset -1, count 5");
        float[] f = new float[5];
        assertThatThrownBy(() -> adam.dense(s, f, null, 0, new float[2][3], 5))
                .hasMessageEndingWith("the state slab 0 array has length 3, needs at least 5 (offset 0 + count 5)");
        Optimiser sf = Optimisers.parse("schedule_free_adamw");
        assertThatThrownBy(() -> sf.dense(sf.begin(0, null), u, null, 0, new double[2][5], 5))
                .hasMessageEndingWith("needs 4 state slabs from slab 0, got 2 slabs");
        Optimiser avg = Optimisers.parse("averaging(inner=sgd)");
        assertThatThrownBy(() -> avg.dense(avg.begin(0, null), u, null, 0, new double[0][], 5))
                .hasMessageEndingWith("needs 1 state slab from slab 0, got 0 slabs");
    }

    @Test
    void decoupledWeightDecayWithoutParametersIsRefused() {
        Optimiser adamw = Optimisers.parse("adamw(weightDecay=0.01)");
        assertThatThrownBy(() -> adamw.dense(adamw.begin(0, null), new double[3], null, 0, new double[2][3], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("the parameters (it reads them, e.g. for decoupled weight decay) array is null");
        assertThatThrownBy(() -> adamw.sparse(adamw.begin(0, null), new double[2], 0, 2, new int[] {0, 4}, new double[3], 0,
                new double[2][5])).hasMessageEndingWith("array has length 3, needs at least 5 (offset 0 + largest index 4 + 1)");
    }

    @Test
    void sparseIndicesOutOfRangeNegativeOrRepeatedAreRefusedNamingTheIndex() {
        Optimiser adam = Optimisers.parse("adam");
        Step s = adam.begin(0, null);
        double[][] state = new double[2][5];
        assertThatThrownBy(() -> adam.sparse(s, new double[2], 0, 2, new int[] {1, 5}, null, 0, state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("the state slab 0 array has length 5, needs at least 6 (offset 0 + largest index 5 + 1)");
        assertThatThrownBy(() -> adam.sparse(s, new double[2], 0, 2, new int[] {-1, 2}, null, 0, state))
                .hasMessageEndingWith("sparse index -1 at position 0 is negative");
        assertThatThrownBy(() -> adam.sparse(s, new double[3], 0, 3, new int[] {0, 2, 2}, null, 0, state))
                .hasMessageContaining("sparse indices must be strictly increasing")
                .hasMessageEndingWith("index 2 at position 2 follows 2");
        assertThatThrownBy(() -> adam.sparse(s, new double[3], 0, 3, new int[] {3, 1, 2}, null, 0, state))
                .hasMessageEndingWith("index 1 at position 1 follows 3");
        assertThatThrownBy(() -> adam.sparse(s, new double[2], 0, 3, new int[] {0, 1, 2}, null, 0, state))
                .hasMessageEndingWith("the update array has length 2, needs at least 3 (to = 3)");
        // the same through the row-wise entry point Tribuo uses: the order when the rows are built, the rest per step
        assertThatThrownBy(() -> SparseRows.of(new double[][] {{1, 2}}, new int[][] {{4, 4}}, new int[] {2}))
                .hasMessageStartingWith("sparse rows: row 0: sparse indices must be strictly increasing")
                .hasMessageEndingWith("index 4 at position 1 follows 4");
        SparseRows rows = SparseRows.of(new double[][] {{1, 2}}, new int[][] {{4, 9}}, new int[] {2});
        assertThatThrownBy(() -> adam.sparseRows(s, 1, 1, rows, null, new double[][][] {state}))
                .hasMessageEndingWith("needs at least 10 (offset 0 + largest index 9 + 1)");
        assertThatThrownBy(() -> adam.sparseRows(s, 1, 1, rows, null, new double[0][][]))
                .hasMessageEndingWith("needs 1 state rows (one per row of the update), got 0");
        assertThatThrownBy(() -> SparseRows.of(new double[][] {{1}}, new int[][] {{0, 1}}, new int[] {2}))
                .hasMessage("sparse rows: row 0 has count 2, 1 values and 2 indices");
        SparseRows negative = SparseRows.of(new double[][] {{1, 2}, {3}}, new int[][] {{1, 2}, {-3}}, new int[] {2, 1});
        double[] firstRow = {1, 2};
        assertThatThrownBy(() -> adam.sparseRows(s, 1, 1, negative, null, new double[][][] {state, state}))
                .hasMessageEndingWith("sparse index -3 at position 0 is negative");
        assertThat(negative.values(0)).as("a bad row anywhere changes no row").containsExactly(firstRow);
        assertThat(state[0]).containsOnly(0.0);
        SparseRows badCount = new SparseRows() {
            public int rows() { return 1; }
            public double[] values(int r) { return new double[1]; }
            public int[] indices(int r) { return new int[1]; }
            public int count(int r) { return -1; }
        };
        assertThatThrownBy(() -> adam.sparseRows(s, 1, 1, badCount, null, new double[][][] {state}))
                .hasMessageEndingWith("sparse row 0 has a negative count, -1");
    }

    @Test
    void sortedDistinctIndicesStepAsBefore() {
        Optimiser adam = Optimisers.parse("adam");
        double[][] sparseState = new double[2][5];
        double[][] denseState = new double[2][5];
        double[] u = {0.5, -1};
        adam.sparse(adam.begin(0, null), u, 0, 2, new int[] {1, 3}, null, 0, sparseState);
        double[] d = {0, 0.5, 0, -1, 0};
        adam.dense(adam.begin(0, null), d, null, 0, denseState, 5);
        assertThat(u).containsExactly(d[1], d[3]);
    }
}
