package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.unigrad.optim.Optimisers;
import org.junit.jupiter.api.Test;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseSparseMatrix;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.Tensor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The optimiser adapter's translation of Tribuo's conventions, checked against Adam's published rule
 * (Kingma and Ba 2015, Algorithm 1) computed here: Tribuo's negative gradient and example weight in,
 * the change to add out, the step counted per call, sparse gradients touching only their active
 * entries, {@code copy()} and {@code reset()}.
 */
class UnigradOptimiserTest {
    private static final double LR = 0.01;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;

    /** Adam on one coordinate, the published rule, with its own m, v and step count. */
    private static final class ReferenceAdam {
        double m;
        double v;
        int t;

        /** The update to subtract for gradient g. */
        double update(double g) {
            t++;
            m = B1 * m + (1 - B1) * g;
            v = B2 * v + (1 - B2) * g * g;
            double mHat = m / (1 - Math.pow(B1, t));
            double vHat = v / (1 - Math.pow(B2, t));
            return LR * mHat / (Math.sqrt(vHat) + EPS);
        }
    }

    private static UnigradOptimiser adam() {
        return new UnigradOptimiser("adam(lr=0.01, b1=0.9, b2=0.999, eps=1e-8)");
    }

    @Test
    void denseStepsFollowThePublishedRuleWithTribuosSignAndWeight() {
        UnigradOptimiser opt = adam();
        opt.initialise(new LinearParameters(3, 2));
        ReferenceAdam[] ref = new ReferenceAdam[6];
        for (int k = 0; k < 6; k++) {
            ref[k] = new ReferenceAdam();
        }
        double[][][] negativeGradients = {
                {{0.5, -1.0, 2.0}, {0.0, 0.25, -0.75}},
                {{-0.1, 0.3, 1.0}, {2.0, -2.0, 0.5}},
                {{1.5, 0.0, -0.2}, {0.1, 0.1, 0.1}}};
        double[] weights = {1.0, 2.5, 0.5};
        for (int s = 0; s < 3; s++) {
            DenseMatrix n = DenseMatrix.createDenseMatrix(negativeGradients[s]);
            Tensor[] out = opt.step(new Tensor[]{n}, weights[s]);
            assertThat(out[0]).isSameAs(n);
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    double g = -weights[s] * negativeGradients[s][r][c];
                    double expected = -ref[r * 3 + c].update(g);
                    assertThat(n.get(r, c)).as("step %d, (%d, %d)", s, r, c).isCloseTo(expected, within(1e-15));
                }
            }
            assertThat(opt.steps()).isEqualTo(s + 1);
        }
    }

    @Test
    void sparseStepsTouchOnlyTheActiveEntriesAndTheirState() {
        UnigradOptimiser opt = adam();
        opt.initialise(new LinearParameters(5, 2));
        ReferenceAdam[] ref = new ReferenceAdam[10];
        for (int k = 0; k < 10; k++) {
            ref[k] = new ReferenceAdam();
        }
        int[][] active = {{1, 3}, {0, 3}, {3, 4}};
        for (int s = 0; s < 3; s++) {
            double[] values = {0.5 + s, -1.0 + 0.5 * s};
            DenseSparseMatrix n = DenseSparseMatrix.createFromSparseVectors(new SparseVector[]{
                    SparseVector.createSparseVector(5, active[s], values.clone()),
                    SparseVector.createSparseVector(5, new int[0], new double[0])});
            opt.step(new Tensor[]{n}, 1.0);
            SparseVector row = n.getRow(0);
            assertThat(row.numActiveElements()).isEqualTo(2);
            assertThat(n.getRow(1).numActiveElements()).isZero();
            for (int a = 0; a < 2; a++) {
                // the lazy rule: an entry's moments decay only when it is active, with the global step count
                ReferenceAdam r = ref[active[s][a]];
                r.t = s;
                double expected = -r.update(-values[a]);
                assertThat(row.get(active[s][a])).as("step %d, index %d", s, active[s][a]).isCloseTo(expected, within(1e-15));
            }
        }
    }

    @Test
    void copyKeepsTheWholeConfigurationAndNoState() {
        UnigradOptimiser opt = new UnigradOptimiser("adam(lr=0.02, b1=0.8, b2=0.99, eps=1e-7)");
        opt.initialise(new LinearParameters(2, 2));
        opt.step(new Tensor[]{DenseMatrix.createDenseMatrix(new double[][]{{1, 2}, {3, 4}})}, 1.0);
        UnigradOptimiser copy = opt.copy();
        assertThat(copy.optimiser()).isEqualTo(opt.optimiser());
        assertThat(copy.getProvenance()).isEqualTo(opt.getProvenance());
        assertThat(copy.steps()).isZero();
        assertThatThrownBy(() -> copy.step(new Tensor[]{new DenseMatrix(2, 2)}, 1.0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("initialise");
    }

    @Test
    void resetThenInitialiseStartsAFreshTrajectory() {
        UnigradOptimiser opt = adam();
        double[][] g = {{1, -2}, {0.5, 3}};
        opt.initialise(new LinearParameters(2, 2));
        Tensor[] first = opt.step(new Tensor[]{DenseMatrix.createDenseMatrix(g)}, 1.0);
        opt.step(new Tensor[]{DenseMatrix.createDenseMatrix(g)}, 1.0);
        opt.reset();
        assertThat(opt.steps()).isZero();
        opt.initialise(new LinearParameters(2, 2));
        Tensor[] again = opt.step(new Tensor[]{DenseMatrix.createDenseMatrix(g)}, 1.0);
        assertThat(again[0]).isEqualTo(first[0]);
    }

    @Test
    void theSpecIsKeptInCanonicalForm() {
        UnigradOptimiser opt = new UnigradOptimiser("adam");
        assertThat(opt.getProvenance().getConfiguredParameters().get("optimiser").toString())
                .contains(Optimisers.parse("adam").spec().toString());
        assertThat(opt.toString()).contains("b1=0.9");
    }

    @Test
    void aBadSpecIsRefusedWithTheValidNames() {
        assertThatThrownBy(() -> new UnigradOptimiser("adamm(lr=0.1)"))
                .isInstanceOf(PropertyException.class)
                .hasMessageContaining("optimiser").hasMessageContaining("adamm").hasMessageContaining("adam");
        assertThatThrownBy(() -> new UnigradOptimiser("adam(lr=-1)"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("lr");
    }

    @Test
    void aGradientOfTheWrongArityIsRefused() {
        UnigradOptimiser opt = adam();
        opt.initialise(new LinearParameters(2, 2));
        assertThatThrownBy(() -> opt.step(List.of(new DenseMatrix(2, 2), new DenseMatrix(2, 2)).toArray(new Tensor[0]), 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 gradient tensors for 1");
    }
}
