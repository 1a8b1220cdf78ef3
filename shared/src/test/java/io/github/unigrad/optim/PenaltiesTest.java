package io.github.unigrad.optim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.github.unigrad.optim.PublishedRulesTest.N;
import static io.github.unigrad.optim.PublishedRulesTest.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The L1 penalties: {@code add_l1}'s subgradient and {@code prox_l1}'s soft-thresholding against the
 * formulas written out here, exact zeros, and the lazy sparse catch-up of {@code prox_l1} against the
 * same run stepped densely with zero gradients at the skipped coordinates.
 */
class PenaltiesTest {

    /** sign(z) · max(|z| - b, 0) / (1 + c), written out. */
    private static double softThreshold(double z, double b, double c) {
        double m = Math.abs(z) - b;
        return m <= 0 ? 0 : (z > 0 ? m : -m) / (1 + c);
    }

    @Test
    void addL1AddsTheSubgradientBeforeTheRule() {
        check("chain(transforms=[add_l1(0.2), scale_by_lr], lr=0.1)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                u[j] = 0.1 * (g[j] + 0.2 * (th[j] > 0 ? 1 : th[j] < 0 ? -1 : 0));
            }
            return u;
        });
    }

    /** At θ = 0 the subgradient is 0 (no push, no NaN); NaN stays NaN. */
    @Test
    void addL1IsFiniteAtZeroAndPassesNaNOn() {
        Transform l1 = Transforms.parse("add_l1(0.5)");
        double[] u = {0.25, -0.25, 0.25, 0.25, 0.25};
        double[] p = {0.0, -0.0, 3.0, -3.0, Double.NaN};
        l1.dense(null, 1.0, u, p, 0, new double[0][], 0, u.length);
        assertThat(u).containsExactly(0.25, -0.25, 0.75, -0.25, Double.NaN);
        float[] f = {0.25f, 0.25f};
        l1.dense(null, 1.0, f, new float[] {0f, -0f}, 0, new float[0][], 0, 2);
        assertThat(f).containsExactly(0.25f, 0.25f);
    }

    @Test
    void proxL1SoftThresholdsAfterTheStep() {
        double eta = 0.3;
        check("chain(transforms=[scale_by_lr, prox_l1(l1=0.4, l2=0.5)], lr=0.3)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                u[j] = th[j] - softThreshold(th[j] - eta * g[j], eta * 0.4, eta * 0.5);
            }
            return u;
        });
    }

    @Test
    void proxL1AfterAdagradWithASchedule() {
        double[] acc = PublishedRulesTest.filled(0.1);
        check("chain(transforms=[scale_by_adagrad(initialAccumulator=0.1), scale_by_lr, prox_l1(0.05)],"
                + " lr=exponential(0.5, gamma=0.9))", (t, g, th) -> {
            double eta = 0.5 * Math.pow(0.9, t - 1);
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                acc[j] += g[j] * g[j];
                double step = eta * g[j] / (Math.sqrt(acc[j]) + 1e-10);
                u[j] = th[j] - softThreshold(th[j] - step, eta * 0.05, 0);
            }
            return u;
        });
    }

    /** Every parameter whose step ends within η l1 of 0 is exactly 0 after the host's θ - u, in Tribuo's sign too. */
    @Test
    void proxL1MakesExactZeros() {
        Optimiser o = Optimisers.parse("chain(transforms=[scale_by_lr, prox_l1(l1=1)], lr=0.5)");
        double[] theta = {0.3, -0.45, 1.7, 1e-300, -2.0};
        double[] g = {0.1, 0.05, 0.2, 0.0, -0.1};
        double[][] state = new double[o.slabs()][theta.length];
        o.initialise(state, 0, theta.length);
        double[] u = g.clone();
        o.dense(o.begin(0, null), u, theta, 0, state, theta.length);
        double[] tribuo = g.clone();
        double[][] tribuoState = new double[o.slabs()][theta.length];
        o.initialise(tribuoState, 0, theta.length);
        o.dense(o.begin(0, null), 1, -1, tribuo, theta, 0, tribuoState, theta.length);
        int zeros = 0;
        for (int j = 0; j < theta.length; j++) {
            double expected = softThreshold(theta[j] - 0.5 * g[j], 0.5, 0);
            if (expected == 0) {
                zeros++;
                assertThat(theta[j] - u[j]).as("entry %d", j).isEqualTo(0.0);
                assertThat(theta[j] + tribuo[j]).as("entry %d, Tribuo's sign", j).isEqualTo(0.0);
            } else {
                assertThat(theta[j] - u[j]).as("entry %d", j).isCloseTo(expected, within(1e-15));
            }
        }
        assertThat(zeros).isEqualTo(3);
    }

    /**
     * The lazy catch-up: a run whose sparse steps list only some coordinates equals the same run
     * stepped densely with a zero gradient at the unlisted ones, at every listed coordinate after every
     * step, and everywhere once the final adjustment has caught up the others (what Tribuo's
     * {@code finalise()} applies), for rules whose update is 0 where the gradient is 0 and a constant
     * learning rate.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "chain(transforms=[scale_by_lr, prox_l1(l1=0.01)], lr=0.2)",
            "chain(transforms=[scale_by_lr, prox_l1(l1=0.01, l2=0.3)], lr=0.2)",
            "chain(transforms=[scale_by_lr, prox_l1(l1=0, l2=0.1)], lr=0.2)",
            "chain(transforms=[scale_by_adagrad(initialAccumulator=0.1), scale_by_lr, prox_l1(l1=0.02, l2=0.05)], lr=0.1)"})
    void lazyCatchUpEqualsTheStepByStepResultWithZeroGradients(String spec) {
        int n = 6;
        double[] theta0 = {2.0, -1.5, 0.8, -0.05, 3.0, 0.4};
        Run dense = new Run(Optimisers.parse(spec), theta0);
        Run sparse = new Run(Optimisers.parse(spec), theta0);
        int[][] listed = {{0, 1, 2, 3, 4, 5}, {0, 2}, {2}, {0, 5}, {1}, {}, {}, {2, 3}, {4}, {2}};
        for (int s = 0; s < listed.length; s++) {
            double[] g = new double[n];
            for (int j : listed[s]) {
                g[j] = Math.sin(1.1 * s + j) * (1 + 0.3 * j);
            }
            dense.step(g);
            sparse.stepSparse(g, listed[s]);
            for (int j : listed[s]) {
                assertThat(sparse.theta[j]).as("%s, step %d, coordinate %d", spec, s, j)
                        .isCloseTo(dense.theta[j], within(1e-12 * Math.max(1, Math.abs(dense.theta[j]))));
            }
        }
        double[] caughtUp = sparse.evaluation();
        assertThat(dense.evaluation()).containsExactly(dense.theta);
        for (int j = 0; j < n; j++) {
            assertThat(caughtUp[j]).as("%s, final adjustment, coordinate %d", spec, j)
                    .isCloseTo(dense.theta[j], within(1e-12 * Math.max(1, Math.abs(dense.theta[j]))));
        }
        long zeros = java.util.Arrays.stream(dense.theta).filter(x -> x == 0).count();
        assertThat(java.util.Arrays.stream(caughtUp).filter(x -> x == 0).count()).isEqualTo(zeros);
    }

    /** The catch-up's closed form against k shrinkage steps done one by one, for k up to 2000, to 1e-12. */
    @Test
    void closedFormCatchUpEqualsShrinkingStepByStep() {
        double eta = 0.05;
        for (double l2 : new double[] {0, 1e-9, 0.01, 3}) {
            for (double x0 : new double[] {5.0, -0.7, 1e-3}) {
                Optimiser o = Optimisers.parse("chain(transforms=[scale_by_lr, prox_l1(l1=0.001, l2="
                        + l2 + ")], lr=" + eta + ")");
                for (int k : new int[] {1, 7, 100, 2000}) {
                    double x = x0;
                    for (int i = 0; i <= k; i++) {
                        x = softThreshold(x, eta * 0.001, eta * l2);
                    }
                    double[] theta = {x0};
                    double[][] state = new double[1][1];
                    double[] u = {0};
                    o.sparse(o.begin(k, null), u, 0, 1, new int[] {0}, theta, 0, state);
                    assertThat(x0 - u[0]).as("l2 %s, x0 %s, %d skipped steps", l2, x0, k)
                            .isCloseTo(x, within(1e-12 * Math.max(1e-3, Math.abs(x))));
                }
            }
        }
    }
}
