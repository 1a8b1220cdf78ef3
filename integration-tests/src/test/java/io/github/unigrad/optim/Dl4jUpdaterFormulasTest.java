package io.github.unigrad.optim;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdaBeliefUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaBelief;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The shared catalogue's option set that names each DL4J 1.0.0-M2.1 built-in updater reproduces it:
 * the built-in's own {@code GradientUpdater} (native op, double precision) and the shared optimiser
 * run side by side on one gradient sequence (with a zero entry), comparing every update and, at the
 * end, the state slabs, which share DL4J's layout and sign. This checks the formulas directly; the
 * DL4J adapter's own parity tests check the plugin.
 */
class Dl4jUpdaterFormulasTest {
    static final int N = 6;
    static final int T = 12;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static double g(int t, int j) {
        return j == N - 1 ? 0 : Math.sin(1.3 * t + 0.7 * j + 0.1) * (1 + j);
    }

    static Stream<Arguments> twins() {
        return Stream.of(
                Arguments.of(new Sgd(0.1), "gradient_descent(0.1)"),
                Arguments.of(new Adam(0.01), "adam(lr=0.01, epsilonHat=true)"),
                Arguments.of(new AMSGrad(0.01), "amsgrad(lr=0.01, epsilonHat=true)"),
                Arguments.of(new AdaMax(0.01), "adamax(lr=0.01, eps=1e-32, epsInMax=false)"),
                Arguments.of(new Nadam(0.01), "nadam(lr=0.01, dl4j=true)"),
                Arguments.of(new AdaBelief(0.01), "adabelief(lr=0.01, eps=1e-14, epsilonHat=true)"),
                Arguments.of(new AdaGrad(0.1), "adagrad(lr=0.1, eps=1e-6, initialAccumulator=1e-6)"),
                Arguments.of(new RmsProp(0.1), "rmsprop(lr=0.1, alpha=0.95, eps=1e-8, initialAccumulator=1e-8)"),
                Arguments.of(new Nesterovs(0.1, 0.9), "nesterov(lr=0.1, momentum=0.9, lrInVelocity=true)"),
                Arguments.of(new AdaDelta(), "adadelta(lr=1, rho=0.95, eps=1e-6)"));
    }

    /** DL4J's updater on a fresh view; AdaBelief's config cannot do it (see below), so its updater is built directly. */
    static GradientUpdater<?> instantiate(IUpdater config, INDArray view) {
        if (config.stateSize(N) == 0) {
            return config.instantiate((INDArray) null, true);
        }
        if (config instanceof AdaBelief b) {
            AdaBeliefUpdater u = new AdaBeliefUpdater(b);
            u.setStateViewArray(view, new long[] {1, N}, 'c', true);
            return u;
        }
        return config.instantiate(view, true);
    }

    @ParameterizedTest
    @MethodSource("twins")
    void sharedOptimiserReproducesTheBuiltIn(IUpdater config, String spec) {
        Optimiser o = Optimisers.parse(spec);
        assertThat((long) o.slabs() * N).isEqualTo(config.stateSize(N));
        INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, Math.max(1, config.stateSize(N)));
        GradientUpdater<?> updater = instantiate(config, view);
        double[][] state = new double[o.slabs()][N];
        o.initialise(state, 0, N);
        for (int t = 0; t < T; t++) {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                u[j] = g(t, j);
            }
            INDArray gradient = Nd4j.createFromArray(u.clone()).reshape(1, N);
            updater.applyUpdater(gradient, t, 0);
            double[] expected = gradient.toDoubleVector();
            o.dense(o.begin(t, null), u, null, 0, state, N);
            for (int j = 0; j < N; j++) {
                assertThat(u[j]).as("%s step %d entry %d", spec, t, j)
                        .isCloseTo(expected[j], within(1e-14 * Math.max(1e-3, Math.abs(expected[j]))));
            }
        }
        double[] v = o.slabs() == 0 ? new double[0] : view.toDoubleVector();
        for (int k = 0; k < o.slabs(); k++) {
            for (int j = 0; j < N; j++) {
                assertThat(state[k][j]).as("%s slab %d entry %d", spec, k, j)
                        .isCloseTo(v[k * N + j], within(1e-14 * Math.max(1e-3, Math.abs(v[k * N + j]))));
            }
        }
    }

    /** A defect of 1.0.0-M2.1: AdaBelief's config reshapes its view to 1-D, then reads shape[1]. */
    @Test
    void dl4jAdaBeliefConfigCannotInstantiateOnAView() {
        INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, 2 * N);
        assertThatThrownBy(() -> new AdaBelief(0.01).instantiate(view, true))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
}
