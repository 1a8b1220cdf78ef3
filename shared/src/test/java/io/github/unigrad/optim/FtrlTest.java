package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;

import static io.github.unigrad.optim.PublishedRulesTest.N;
import static io.github.unigrad.optim.PublishedRulesTest.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ftrl} against Keras 3's {@code Ftrl.update_step}, written out here from its published code
 * (never by calling the code under test): trajectories with and without the penalties, exact zeros
 * under l1, the lazy sparse form, and the parse-time checks with Keras's ranges.
 */
class FtrlTest {

    /** Keras 3 {@code Ftrl.update_step} on one vector, carrying its accumulator and linear term. */
    private static PublishedRulesTest.Reference keras(double lr, double lrPower, double initialAccumulator, double l1,
                                                      double l2, double l2Shrinkage, double beta) {
        double[] accum = PublishedRulesTest.filled(initialAccumulator);
        double[] linear = PublishedRulesTest.zeros();
        return (t, g, variable) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                double l2Reg = l2 + beta / (2.0 * lr);
                double gradToUse = g[j] + 2 * l2Shrinkage * variable[j];
                double newAccum = accum[j] + g[j] * g[j];
                linear[j] += gradToUse
                        - (Math.pow(newAccum, -lrPower) - Math.pow(accum[j], -lrPower)) / lr * variable[j];
                double quadratic = Math.pow(newAccum, -lrPower) / lr + 2 * l2Reg;
                double linearClipped = Math.min(Math.max(linear[j], -l1), l1);
                double newVariable = (linearClipped - linear[j]) / quadratic;
                accum[j] = newAccum;
                u[j] = variable[j] - newVariable;
            }
            return u;
        };
    }

    @Test
    void defaultsAreKerassAndFollowItsUpdate() {
        Optimiser o = Optimisers.parse("ftrl");
        assertThat(o.spec().toString()).isEqualTo(
                "ftrl(lr=0.001, lrPower=-0.5, initialAccumulator=0.1, l1=0, l2=0, l2Shrinkage=0, beta=0)");
        check("ftrl", keras(0.001, -0.5, 0.1, 0, 0, 0, 0));
    }

    @Test
    void withTheLearningRateAlone() {
        check("ftrl(lr=0.5)", keras(0.5, -0.5, 0.1, 0, 0, 0, 0));
    }

    @Test
    void withL1() {
        check("ftrl(lr=0.5, l1=0.3)", keras(0.5, -0.5, 0.1, 0.3, 0, 0, 0));
    }

    @Test
    void withL1L2ShrinkageAndBeta() {
        check("ftrl(lr=0.5, l1=0.05, l2=0.2, l2Shrinkage=0.1, beta=0.7)", keras(0.5, -0.5, 0.1, 0.05, 0.2, 0.1, 0.7));
    }

    @Test
    void withAnotherPowerAndAccumulator() {
        check("ftrl(lr=0.2, lrPower=-1, initialAccumulator=0, l2=0.1)", keras(0.2, -1, 0, 0, 0.1, 0, 0));
        check("ftrl(lr=0.2, lrPower=0, initialAccumulator=2, l1=0.01)", keras(0.2, 0, 2, 0.01, 0, 0, 0));
    }

    /** A coordinate whose accumulated linear term stays within ±l1 is exactly 0 after the host's θ - u. */
    @Test
    void l1MakesExactZeros() {
        Run all = check("ftrl(lr=0.5, l1=20)", keras(0.5, -0.5, 0.1, 20, 0, 0, 0));
        assertThat(all.theta).containsOnly(0.0);
        Run some = check("ftrl(lr=0.5, l1=3)", keras(0.5, -0.5, 0.1, 3, 0, 0, 0));
        long zeros = java.util.Arrays.stream(some.theta).filter(x -> x == 0).count();
        assertThat(zeros).isBetween(1L, (long) N - 1);
    }

    /** A sparse step moves only the listed coordinates and their n and z, as TensorFlow's SparseApplyFtrl. */
    @Test
    void sparseStepsLeaveUnlistedCoordinatesAndTheirStateAlone() {
        Run run = new Run(Optimisers.parse("ftrl(lr=0.5, l1=0.01)"), PublishedRulesTest.THETA0);
        run.step(new double[] {0.3, -0.2, 0.1});
        double[] theta = run.theta.clone();
        double[][] state = {run.state[0].clone(), run.state[1].clone()};
        run.stepSparse(new double[] {0.4, 0, 0}, new int[] {0});
        assertThat(run.theta[0]).isNotEqualTo(theta[0]);
        for (int j = 1; j < N; j++) {
            assertThat(run.theta[j]).isEqualTo(theta[j]);
            assertThat(run.state[0][j]).isEqualTo(state[0][j]);
            assertThat(run.state[1][j]).isEqualTo(state[1][j]);
        }
    }

    /**
     * With a constant rate and no shrinkage, a sparse step equals the dense step with a zero gradient at
     * the unlisted coordinates, which then keep θ, n and z exactly.
     */
    @Test
    void sparseStepsEqualDenseStepsWithZeroGradientsAtTheUnlistedCoordinates() {
        String spec = "ftrl(lr=0.3, l1=0.05, l2=0.1, beta=0.2)";
        double[] theta0 = {0.4, -0.2, 0.9, 0.0};
        Run dense = new Run(Optimisers.parse(spec), theta0);
        Run sparse = new Run(Optimisers.parse(spec), theta0);
        int[][] listed = {{0, 1, 2, 3}, {1, 3}, {}, {0}, {2, 3}, {0, 1, 2, 3}};
        for (int s = 0; s < listed.length; s++) {
            double[] g = new double[theta0.length];
            for (int j : listed[s]) {
                g[j] = Math.cos(0.9 * s + j) * (1 + j);
            }
            dense.step(g);
            sparse.stepSparse(g, listed[s]);
            assertThat(sparse.theta).as("step %d", s).containsExactly(dense.theta);
            assertThat(sparse.state).as("step %d", s).isDeepEqualTo(dense.state);
        }
    }

    @Test
    void badHyperparametersAreRefusedWithKeyValueAndRange() {
        assertThatThrownBy(() -> Optimisers.parse("ftrl(lrPower=0.5)"))
                .hasMessageContaining("ftrl: lrPower = 0.5 is out of range; allowed (-inf, 0]");
        assertThatThrownBy(() -> Optimisers.parse("ftrl(initialAccumulator=-0.1)"))
                .hasMessageContaining("ftrl: initialAccumulator = -0.1 is out of range; allowed [0, inf)");
        for (String key : new String[] {"l1", "l2", "l2Shrinkage", "beta"}) {
            assertThatThrownBy(() -> Optimisers.parse("ftrl(" + key + "=-1)"))
                    .hasMessageContaining("ftrl: " + key + " = -1 is out of range; allowed [0, inf)");
        }
        assertThatThrownBy(() -> Optimisers.parse("ftrl(lr=0)"))
                .hasMessageContaining("ftrl: lr = 0 is out of range; allowed (0, inf)");
    }

    @Test
    void itMustComeLastInAChain() {
        Transform ftrl = new FtrlProximal(-0.5, 0.1, 0, 0, 0, 0);
        assertThatThrownBy(() -> new Chain(null, new io.github.unigrad.schedule.Constant(0.1),
                java.util.List.of(ftrl, ScaleByLearningRate.INSTANCE)))
                .hasMessageContaining("ftrl(").hasMessageContaining("must come last in a chain");
    }
}
