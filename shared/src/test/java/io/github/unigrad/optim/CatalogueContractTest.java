package io.github.unigrad.optim;

import io.github.unigrad.spec.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What every catalogue entry promises: its spec reads back to an equal optimiser, state saved and
 * restored mid-run continues bit-for-bit, a dense step equals a sparse step listing every index
 * (in any order), cutting the parameters into pieces changes nothing, and the step with a gradient
 * and an update scale is the plain step between two scalings.
 */
class CatalogueContractTest {
    /** At least one spec per optimiser name and per transform name, with non-default values. */
    static List<String> samples() {
        return List.of(
                "gradient_descent(0.1)",
                "sgd(lr=0.05, momentum=0.9, dampening=0.1, weightDecay=0.01)",
                "sgd(lr=0.05, momentum=0.9, nesterov=true)",
                "momentum(lr=0.05, momentum=0.8)",
                "nesterov(lr=0.05, lrInVelocity=true)",
                "adagrad(lr=0.1, eps=1e-6, initialAccumulator=0.1)",
                "rmsprop(lr=0.01, alpha=0.95, momentum=0.5, centered=true)",
                "adam(lr=cosine(0.01, steps=100, warmup=5), epsilonHat=true)",
                "amsgrad(lr=0.01)",
                "adamax(lr=0.01, epsInMax=false)",
                "nadam(lr=0.01, dl4j=true)",
                "nadam(lr=0.01, b1=0.8, momentumDecay=0.004)",
                "adamw(lr=0.01, weightDecay=0.05, amsgrad=true)",
                "radam(lr=0.01, b2=0.9)",
                "adadelta(rho=0.95)",
                "adabelief(lr=0.01, epsilonHat=true)",
                "lion(lr=0.001, weightDecay=0.1)",
                "schedule_free_sgd(lr=0.1, weightDecay=0.01)",
                "schedule_free_adamw(lr=warmup(0.01, steps=3))",
                "pegasos(lr=0.5, lambda=0.1)",
                "averaging(adam(lr=0.01), includeInitial=true)",
                "accumulate(inner=rmsprop(lr=0.01), every=3)",
                "lookahead(inner=sgd(lr=0.05, momentum=0.9), k=3, alpha=0.5)",
                "skip_nonfinite(inner=chain(transforms=[clip_by_global_norm(1), scale_by_adam(), scale_by_lr], lr=0.01))",
                "chain(transforms=[clip(0.5), scale_by_belief(eps=1e-10), add_decayed_weights(0.01), scale_by_lr],"
                        + " lr=step(0.01, every=3, gamma=0.5))",
                "chain(transforms=[add_decayed_weights(0.01), nesterov_velocity(momentum=0.5)], lr=0.1)",
                "chain(transforms=[scale_by_adagrad(), trace(momentum=0.5, dampening=0.5), scale_by_lr], lr=0.1)",
                "chain(transforms=[scale_by_rms(alpha=0.9), scale_by_lr], lr=multistep(0.1, milestones=[2, 4]))",
                "chain(transforms=[scale_by_adamax(), scale_by_lr], lr=exponential(0.1, gamma=0.9))",
                "chain(transforms=[scale_by_nadam(), scale_by_lr], lr=polynomial(0.1, steps=20))",
                "chain(transforms=[scale_by_radam(b2=0.9), scale_by_lr], lr=cosine_restarts(0.1, period=3, mult=2))",
                "chain(transforms=[scale_by_adadelta(), scale_by_lr], lr=one_cycle(0.1, steps=20))",
                "chain(transforms=[scale_by_lion(), scale_by_lr], lr=wsd(0.01, steps=20, warmup=2, cooldown=5))",
                "chain(transforms=[scale_by_adam(amsgrad=true), scale_by_lr], lr=inverse_time(0.1, power=0.5))",
                "ftrl(lr=0.5, l1=0.05, l2=0.1, l2Shrinkage=0.05, beta=0.5)",
                "ftrl(lr=exponential(0.5, gamma=0.9), lrPower=-0.7, initialAccumulator=0, l1=0.5)",
                "chain(transforms=[add_l1(0.05), scale_by_adagrad(), scale_by_lr, prox_l1(l1=0.3, l2=0.2)], lr=0.3)",
                "chain(transforms=[scale_by_lr, prox_l1(0.5)], lr=step(0.2, every=3, gamma=0.5))");
    }

    @Test
    void samplesCoverEveryOptimiserTransformAndSchedule() {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("([a-z_][a-z_0-9]*)\\(").matcher(String.join(" ", samples()));
        while (m.find()) {
            used.add(m.group(1));
        }
        for (String s : samples()) {
            if (s.startsWith("chain") && s.contains("scale_by_lr")) {
                used.add("scale_by_lr");
            }
        }
        assertThat(used).containsAll(Optimisers.names()).containsAll(Transforms.catalogue().names())
                .containsAll(io.github.unigrad.schedule.Schedules.names().stream().filter(n -> !n.equals("constant")).toList());
    }

    static final int N = 5;
    static final double[] A = {1, 2, 4, 0.5, 3};
    static final double[] C = {0.3, 0.1, -0.2, 1.0, -0.5};
    static final double[] THETA0 = {1, -2, 0.5, 0.25, 2};

    /** A noisy quadratic's gradient at θ, step index i: realistic enough to exercise every branch. */
    static double[] gradient(double[] theta, long i) {
        double[] g = new double[N];
        for (int j = 0; j < N; j++) {
            g[j] = A[j] * (theta[j] - C[j]) + 0.3 * Math.sin(1.7 * i + j);
        }
        return g;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void specReadsBackToAnEqualOptimiser(String text) {
        Optimiser o = Optimisers.parse(text);
        String canonical = o.spec().toString();
        Optimiser again = Optimisers.parse(canonical);
        assertThat(again).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(again.spec().toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void stateSavedAndRestoredMidRunContinuesBitForBit(String text) {
        Run straight = new Run(Optimisers.parse(text), THETA0);
        Run first = new Run(Optimisers.parse(text), THETA0);
        for (int i = 0; i < 7; i++) {
            straight.step(gradient(straight.theta, straight.index));
            first.step(gradient(first.theta, first.index));
        }
        Run resumed = first.restored();
        for (int i = 0; i < 7; i++) {
            straight.step(gradient(straight.theta, straight.index));
            resumed.step(gradient(resumed.theta, resumed.index));
        }
        assertThat(resumed.theta).containsExactly(straight.theta);
        assertThat(resumed.state).isDeepEqualTo(straight.state);
        assertThat(resumed.evaluation()).containsExactly(straight.evaluation());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sparseStepListingEveryIndexEqualsTheDenseStep(String text) {
        Run dense = new Run(Optimisers.parse(text), THETA0);
        Run sparse = new Run(Optimisers.parse(text), THETA0);
        int[] order = {0, 1, 2, 3, 4}; // sparse indices are strictly increasing (checked)
        for (int i = 0; i < 8; i++) {
            dense.step(gradient(dense.theta, dense.index));
            sparse.stepSparse(gradient(sparse.theta, sparse.index), order);
        }
        assertThat(sparse.theta).containsExactly(dense.theta);
        assertThat(sparse.state).isDeepEqualTo(dense.state);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void piecesOfTheParametersStepIndependently(String text) {
        Run whole = new Run(Optimisers.parse(text), THETA0);
        Run pieces = new Run(Optimisers.parse(text), THETA0);
        for (int i = 0; i < 8; i++) {
            whole.step(gradient(whole.theta, whole.index));
            pieces.stepInPieces(gradient(pieces.theta, pieces.index), 2);
        }
        assertThat(pieces.theta).containsExactly(whole.theta);
        assertThat(pieces.state).isDeepEqualTo(whole.state);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aPieceMayStartAtAnOffset(String text) {
        Optimiser opt = Optimisers.parse(text);
        Run aligned = new Run(opt, THETA0);
        int uo = 3;
        double[] theta = new double[N + uo];
        System.arraycopy(THETA0, 0, theta, uo, N);
        double[][] state = new double[opt.slabs()][N + uo];
        opt.initialise(state, uo, N);
        for (int i = 0; i < 8; i++) {
            double[] g = gradient(aligned.theta, i);
            aligned.step(g);
            double[] u = new double[N + uo];
            System.arraycopy(g, 0, u, uo, N);
            GradientSummary summary = opt.needsGradientSummary() ? new GradientSummary().add(u, uo, N) : null;
            opt.dense(opt.begin(i, summary), u, opt.needsParameters() ? theta : null, uo, state, N);
            for (int j = 0; j < N; j++) {
                theta[uo + j] -= u[uo + j];
            }
        }
        assertThat(java.util.Arrays.copyOfRange(theta, uo, uo + N)).containsExactly(aligned.theta);
        for (int k = 0; k < state.length; k++) {
            assertThat(java.util.Arrays.copyOfRange(state[k], uo, uo + N)).containsExactly(aligned.state[k]);
        }
    }

    /**
     * The step with a gradient scale and an update scale equals scaling the gradient, stepping and
     * scaling the update, to rounding: with Tribuo's adapter's factors (-weight, -1) and others.
     */
    @ParameterizedTest
    @MethodSource("samples")
    void scaledStepEqualsScalingTheGradientAndTheUpdate(String text) {
        double[][] factors = {{-0.75, -1}, {1, 2.5}, {3, 1}};
        for (double[] f : factors) {
            for (boolean sparse : new boolean[] {false, true}) {
                scaledStepAgrees(Optimisers.parse(text), f[0], f[1], sparse);
            }
        }
    }

    private static void scaledStepAgrees(Optimiser opt, double gradientScale, double updateScale, boolean sparse) {
        int[] idx = {0, 1, 2, 3, 4};
        double[] theta = THETA0.clone();
        double[][] expectedState = new double[opt.slabs()][N];
        double[][] state = new double[opt.slabs()][N];
        opt.initialise(expectedState, 0, N);
        opt.initialise(state, 0, N);
        double[] p = opt.needsParameters() ? theta : null;
        for (int i = 0; i < 8; i++) {
            double[] g = gradient(theta, i);
            double[] expected = new double[N];
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                expected[j] = gradientScale * g[sparse ? idx[j] : j];
                u[j] = g[sparse ? idx[j] : j];
            }
            GradientSummary summary = opt.needsGradientSummary() ? new GradientSummary().add(expected, 0, N) : null;
            if (sparse) {
                opt.sparse(opt.begin(i, summary), expected, 0, N, idx, p, 0, expectedState);
                opt.sparse(opt.begin(i, summary), gradientScale, updateScale, u, 0, N, idx, p, 0, state);
            } else {
                opt.dense(opt.begin(i, summary), expected, p, 0, expectedState, N);
                opt.dense(opt.begin(i, summary), gradientScale, updateScale, u, p, 0, state, N);
            }
            for (int j = 0; j < N; j++) {
                assertThat(u[j]).as("step %d, entry %d", i, j)
                        .isCloseTo(updateScale * expected[j], within(1e-14 * (1 + Math.abs(u[j]))));
                theta[sparse ? idx[j] : j] -= expected[j];
            }
            for (int k = 0; k < state.length; k++) {
                assertThat(state[k]).containsExactly(expectedState[k], within(1e-13));
            }
        }
    }

    /** The step on a matrix's rows gives exactly the scaled step on each row in turn (updates and state). */
    @ParameterizedTest
    @MethodSource("samples")
    void rowStepEqualsTheStepOnEachRow(String text) {
        Optimiser opt = Optimisers.parse(text);
        int rows = 3;
        double[][] theta = new double[rows][];
        double[][][] expectedState = new double[rows][opt.slabs()][N];
        double[][][] state = new double[rows][opt.slabs()][N];
        for (int r = 0; r < rows; r++) {
            theta[r] = THETA0.clone();
            theta[r][r] += r;
            opt.initialise(expectedState[r], 0, N);
            opt.initialise(state[r], 0, N);
        }
        double[][] p = opt.needsParameters() ? theta : null;
        for (int i = 0; i < 6; i++) {
            double[][] expected = new double[rows][];
            double[][] u = new double[rows][];
            GradientSummary summary = opt.needsGradientSummary() ? new GradientSummary() : null;
            for (int r = 0; r < rows; r++) {
                expected[r] = gradient(theta[r], i + r);
                u[r] = expected[r].clone();
                if (summary != null) {
                    double[] scaled = expected[r].clone();
                    for (int j = 0; j < N; j++) {
                        scaled[j] *= -0.5;
                    }
                    summary.add(scaled, 0, N);
                }
            }
            Step step = opt.begin(i, summary);
            for (int r = 0; r < rows; r++) {
                opt.dense(step, -0.5, -1, expected[r], p == null ? null : p[r], 0, expectedState[r], N);
            }
            opt.denseRows(step, -0.5, -1, u, p, state, N);
            sparseRowsAgree(opt, step, p, i);
            for (int r = 0; r < rows; r++) {
                assertThat(u[r]).as("step %d, row %d", i, r).containsExactly(expected[r]);
                for (int k = 0; k < opt.slabs(); k++) {
                    assertThat(state[r][k]).containsExactly(expectedState[r][k]);
                }
                for (int j = 0; j < N; j++) {
                    theta[r][j] += expected[r][j];
                }
            }
        }
    }

    /** The sparse step on a matrix's rows (different active entries per row) equals the sparse step on each row in turn. */
    private static void sparseRowsAgree(Optimiser opt, Step step, double[][] p, int i) {
        int[][] idx = {{0, 3, 4}, {1}, {0, 1, 2, 3, 4}};
        int[] count = {3, 1, 5};
        double[][] expected = new double[idx.length][];
        double[][] u = new double[idx.length][];
        double[][][] expectedState = new double[idx.length][opt.slabs()][N];
        double[][][] state = new double[idx.length][opt.slabs()][N];
        for (int r = 0; r < idx.length; r++) {
            expected[r] = new double[count[r] + 2];
            for (int j = 0; j < count[r]; j++) {
                expected[r][j] = 0.3 * (j + 1) - 0.2 * r + 0.01 * i;
            }
            u[r] = expected[r].clone();
            opt.initialise(expectedState[r], 0, N);
            opt.initialise(state[r], 0, N);
            opt.sparse(step, -0.5, -1, expected[r], 0, count[r], idx[r], p == null ? null : p[r], 0, expectedState[r]);
        }
        opt.sparseRows(step, -0.5, -1, SparseRows.of(u, idx, count), p, state);
        for (int r = 0; r < idx.length; r++) {
            assertThat(u[r]).as("sparse row %d", r).containsExactly(expected[r]);
            for (int k = 0; k < opt.slabs(); k++) {
                assertThat(state[r][k]).containsExactly(expectedState[r][k]);
            }
        }
    }

    @Test
    void sparseStepLeavesUnlistedParametersAndTheirStateAlone() {
        Run run = new Run(Optimisers.parse("adam(lr=0.1)"), THETA0);
        run.step(gradient(run.theta, 0));
        double[][] before = {run.state[0].clone(), run.state[1].clone()};
        double[] theta = run.theta.clone();
        run.stepSparse(gradient(run.theta, 1), new int[] {1, 3});
        for (int j : new int[] {0, 2, 4}) {
            assertThat(run.theta[j]).isEqualTo(theta[j]);
            assertThat(run.state[0][j]).isEqualTo(before[0][j]);
            assertThat(run.state[1][j]).isEqualTo(before[1][j]);
        }
        assertThat(run.theta[1]).isNotEqualTo(theta[1]);
    }

    static List<String[]> badSpecs() {
        return List.of(
                new String[] {"adam(lr=-0.1)", "adam: lr = -0.1 is out of range; allowed [0, inf)"},
                new String[] {"adam(b1=1)", "adam: b1 = 1 is out of range; allowed [0, 1)"},
                new String[] {"adamw(b2=-0.5)", "adamw: b2 = -0.5 is out of range; allowed [0, 1)"},
                new String[] {"adam(eps=0)", "adam: eps = 0 is out of range; allowed (0, inf)"},
                new String[] {"rmsprop(alpha=1.5)", "rmsprop: alpha = 1.5 is out of range"},
                new String[] {"sgd(momentum=1)", "sgd: momentum = 1 is out of range; allowed [0, 1)"},
                new String[] {"sgd(lr=0.1, nesterov=true)", "nesterov=true needs momentum > 0"},
                new String[] {"sgd(lr=0.1, momentum=0.9, dampening=0.1, nesterov=true)", "needs dampening = 0"},
                new String[] {"adam(lr=0.1, beta1=0.9)", "adam: unknown key beta1; valid keys: lr, b1, b2, eps, epsilonHat"},
                new String[] {"adamm(lr=0.1)", "unknown optimiser 'adamm'; valid names: gradient_descent, sgd"},
                new String[] {"adam(0.1, 0.9)", "at most 1 positional argument (lr)"},
                new String[] {"averaging(adam, sgd)", "averaging takes at most 1 positional argument (inner)"},
                new String[] {"gradient_descent", "gradient_descent: missing required 'lr'"},
                new String[] {"adam(lr=constant(-1))", "constant: value = -1 is out of range; allowed [0, inf)"},
                new String[] {"adam(lr=-1)", "adam: lr = -1 is out of range; allowed [0, inf)"},
                new String[] {"adam(lr=cosine(0.1, steps=10, warmup=10))", "warmup = 10 must be less than steps = 10"},
                new String[] {"adam(lr=cosinus(0.1))", "unknown schedule 'cosinus'"},
                new String[] {"pegasos(lr=0.1, lambda=0)", "pegasos: lambda = 0 is out of range; allowed (0, inf)"},
                new String[] {"adamw(weightDecay=-1)", "adamw: weightDecay = -1 is out of range"},
                new String[] {"schedule_free_adamw(b2=1)", "schedule_free_adamw: b2 = 1 is out of range"},
                new String[] {"nadam(momentumDecay=-0.004)", "nadam: momentumDecay = -0.004 is out of range; allowed [0, inf)"},
                new String[] {"nadam(momentumDecay=inf)", "nadam: momentumDecay = inf is out of range; allowed [0, inf)"},
                new String[] {"nadam(momentumDecay=nan)", "nadam: momentumDecay = nan is out of range; allowed [0, inf)"},
                new String[] {"nadam(lr=0.01, momentumDecay=0.004, dl4j=true)",
                        "nadam: momentumDecay = 0.004 cannot be combined with dl4j=true"},
                new String[] {"chain(transforms=[scale_by_nadam(momentumDecay=1, dl4j=true)])",
                        "scale_by_nadam: momentumDecay = 1 cannot be combined with dl4j=true"},
                new String[] {"lookahead(inner=adam, alpha=0)", "lookahead: alpha = 0 is out of range; allowed (0, 1]"},
                new String[] {"accumulate(inner=adam, every=0)", "accumulate: every = 0 is out of range; allowed [1, inf]"},
                new String[] {"averaging()", "averaging: missing required 'inner'"},
                new String[] {"accumulate(inner=adam)", "accumulate: missing required 'every'"},
                new String[] {"chain(transforms=[scale_by_lr, clip_by_global_norm(1)])", "must come first in a chain"},
                new String[] {"chain(transforms=[scale_by_adamm])", "unknown transform 'scale_by_adamm'; valid names:"},
                new String[] {"chain(transforms=[scale_by_adam(b1=2)])", "scale_by_adam: b1 = 2 is out of range"},
                new String[] {"chain(lr=0.1)", "chain: missing required 'transforms'"},
                new String[] {"accumulate(inner=chain(transforms=[clip_by_global_norm(1), scale_by_lr]), every=2)",
                        "accumulate cannot wrap"},
                new String[] {"lookahead(inner=schedule_free_sgd)", "lookahead cannot wrap schedule_free_sgd"},
                new String[] {"chain(transforms=[prox_l1(0.1), scale_by_lr])", "prox_l1(l1=0.1, l2=0) must come last in a chain"},
                new String[] {"chain(transforms=[prox_l1(l1=-1)])", "prox_l1: l1 = -1 is out of range; allowed [0, inf)"},
                new String[] {"chain(transforms=[prox_l1(0.1, l2=-1)])", "prox_l1: l2 = -1 is out of range; allowed [0, inf)"},
                new String[] {"chain(transforms=[prox_l1()])", "prox_l1: missing required 'l1'"},
                new String[] {"chain(transforms=[add_l1(-0.1)])", "add_l1: strength = -0.1 is out of range; allowed [0, inf)"},
                new String[] {"ftrl(lrPower=0.1)", "ftrl: lrPower = 0.1 is out of range; allowed (-inf, 0]"},
                new String[] {"ftrl(initialAccumulator=-1)", "ftrl: initialAccumulator = -1 is out of range; allowed [0, inf)"});
    }

    @ParameterizedTest
    @MethodSource("badSpecs")
    void badHyperparametersAreRejectedWithClearMessages(String spec, String message) {
        assertThatThrownBy(() -> Optimisers.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void namedErrorsAreSpecExceptions() {
        assertThatThrownBy(() -> Optimisers.parse("adam(eps=-1)")).isInstanceOf(SpecException.class);
    }
}
