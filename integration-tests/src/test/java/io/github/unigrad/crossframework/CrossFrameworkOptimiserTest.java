package io.github.unigrad.crossframework;

import io.github.unigrad.dl4j.UnigradUpdater;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.tribuo.UnigradOptimiser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One optimiser spec, two frameworks: fed the same sequence of gradients, the DL4J adapter
 * ({@code UnigradUpdater}'s {@code GradientUpdater}: the update is written over the gradient and
 * subtracted) and the Tribuo adapter ({@code UnigradOptimiser}: it is handed the negative gradient and
 * returns what Tribuo adds) move the parameters along the same trajectory, step by step.
 *
 * <p>Covers every optimiser a DL4J updater can run on its own. Rules that read the parameters
 * (decoupled weight decay, Pegasos) cannot be a DL4J {@code GradientUpdater}: DL4J applies that part
 * as its own {@code WeightDecay} regularisation, outside the updater, so there is no adapter-level
 * trajectory to compare here; the runner trains them in each framework next to the built-ins.
 */
class CrossFrameworkOptimiserTest {
    private static final int LABELS = 3;
    private static final int FEATURES = 4;
    private static final int STEPS = 25;
    private static final double TOLERANCE = 1e-12;
    private static final List<String> SPECS = List.of("gradient_descent(lr=0.1)", "sgd(lr=0.05, momentum=0.9, nesterov=true)",
            "sgd(lr=0.05, momentum=0.9, dampening=0.1)", "momentum(lr=0.05)", "nesterov(lr=0.05)",
            "nesterov(lr=0.05, lrInVelocity=true)", "adagrad(lr=0.1)", "adagrad(lr=0.1, eps=1e-06, initialAccumulator=1e-06)",
            "rmsprop(lr=0.01)", "rmsprop(lr=0.01, centered=true, momentum=0.5)", "adam(lr=0.01)", "adam(lr=0.01, epsilonHat=true)",
            "amsgrad(lr=0.01)", "adamax(lr=0.01)", "nadam(lr=0.01)", "radam(lr=0.01)", "adadelta", "adabelief(lr=0.01)",
            "lion(lr=0.001)", "schedule_free_sgd(lr=0.1)", "schedule_free_adamw(lr=0.01)",
            "adam(lr=cosine(0.01, steps=20))", "gradient_descent(lr=inverse_time(0.1, decay=1, power=1))",
            "averaging(inner=gradient_descent(lr=0.1))", "accumulate(inner=adam(lr=0.01), every=3)",
            "lookahead(inner=adam(lr=0.01), k=5, alpha=0.5)", "skip_nonfinite(inner=adam(lr=0.01))",
            "chain(transforms=[clip(max=0.5), scale_by_adam()], lr=0.01)");
    /** Optimisers that must run through both (so the test cannot pass by running nothing). */
    private static final List<String> MUST_RUN = List.of("gradient_descent", "sgd", "momentum", "nesterov", "adagrad",
            "rmsprop", "adam", "amsgrad", "adamax", "nadam", "radam", "adadelta", "adabelief", "lion");

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** The specs both adapters accept (a DL4J updater refuses rules that read the parameters). */
    static List<String> runnable() {
        List<String> out = new ArrayList<>();
        for (String spec : SPECS) {
            try {
                new UnigradUpdater(spec);
                out.add(spec);
            } catch (IllegalArgumentException e) {
                assertThat(Optimisers.parse(spec).needsParameters()).as("DL4J refused %s: %s", spec, e.getMessage()).isTrue();
            }
        }
        return out;
    }

    @Test
    void everyCommonOptimiserRunsInBoth() {
        TreeSet<String> names = new TreeSet<>();
        for (String spec : runnable()) {
            names.add(Optimisers.parse(spec).spec().name());
        }
        assertThat(names).containsAll(MUST_RUN);
    }

    @TestFactory
    List<DynamicTest> sameTrajectoryInBothFrameworks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String spec : runnable()) {
            tests.add(DynamicTest.dynamicTest(spec, () -> check(spec)));
        }
        return tests;
    }

    private static void check(String spec) {
        int n = LABELS * FEATURES;
        UnigradUpdater dl4j = new UnigradUpdater(spec);
        long stateSize = dl4j.stateSize(n);
        INDArray view = stateSize == 0 ? null : Nd4j.zeros(DataType.DOUBLE, 1, stateSize);
        GradientUpdater<?> updater = dl4j.instantiate(view, true);
        double[] theta = new double[n];

        LinearParameters parameters = new LinearParameters(FEATURES, LABELS);
        UnigradOptimiser tribuo = new UnigradOptimiser(spec);
        tribuo.initialise(parameters);

        SplittableRandom rng = new SplittableRandom(11);
        for (int t = 0; t < STEPS; t++) {
            double[][] g = new double[LABELS][FEATURES];
            double[][] negative = new double[LABELS][FEATURES];
            double[] flat = new double[n];
            for (int r = 0; r < LABELS; r++) {
                for (int c = 0; c < FEATURES; c++) {
                    double v = (r + c + t) % 7 == 0 ? 0.0 : rng.nextDouble(-2, 2);
                    g[r][c] = v;
                    negative[r][c] = -v;
                    flat[r * FEATURES + c] = v;
                }
            }
            INDArray gradient = Nd4j.create(flat).reshape(1, n);
            updater.applyUpdater(gradient, t, 0);
            for (int i = 0; i < n; i++) {
                theta[i] -= gradient.getDouble(0, i);
            }
            Tensor[] step = tribuo.step(new Tensor[] {DenseMatrix.createDenseMatrix(negative)}, 1.0);
            parameters.update(step);

            DenseMatrix w = (DenseMatrix) parameters.get()[0];
            for (int r = 0; r < LABELS; r++) {
                for (int c = 0; c < FEATURES; c++) {
                    assertThat(w.get(r, c)).as("%s: step %d, parameter (%d, %d)", spec, t, r, c)
                            .isCloseTo(theta[r * FEATURES + c], within(TOLERANCE));
                }
            }
        }
    }
}
