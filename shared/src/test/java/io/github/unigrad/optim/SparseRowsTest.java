package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparseRowsTest {

    @Test
    void arraysAreReadLiveRowByRow() {
        double[][] values = {{1, 2, 99}, {3}};
        int[][] indices = {{0, 4, 7}, {2}};
        SparseRows rows = SparseRows.of(values, indices, new int[]{2, 1});
        assertThat(rows.rows()).isEqualTo(2);
        assertThat(rows.values(0)).isSameAs(values[0]);
        assertThat(rows.indices(1)).isSameAs(indices[1]);
        assertThat(rows.count(0)).isEqualTo(2);
        assertThat(rows.count(1)).isEqualTo(1);
    }

    @Test
    void stepWritesIntoTheRowsOwnArraysAndLeavesInactiveTailAlone() {
        double[][] values = {{1, 2, 99}, {3}};
        SparseRows rows = SparseRows.of(values, new int[][]{{0, 4, 7}, {2}}, new int[]{2, 1});
        Optimiser sgd = Optimisers.parse("sgd(lr=0.5)");
        sgd.sparseRows(sgd.begin(0, null), 1, 1, rows, null, new double[2][0][]);
        assertThat(values[0]).containsExactly(0.5, 1.0, 99);
        assertThat(values[1]).containsExactly(1.5);
    }

    @Test
    void mismatchedArraysAreRefusedWithTheirSizes() {
        assertThatThrownBy(() -> SparseRows.of(new double[2][], new int[1][], new int[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 value rows, 1 index rows and 2 counts");
    }
}
