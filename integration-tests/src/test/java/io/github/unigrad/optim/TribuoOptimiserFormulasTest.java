package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.AdaDelta;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.math.optimisers.Pegasos;
import org.tribuo.math.optimisers.RMSProp;
import org.tribuo.math.optimisers.SGD;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shared catalogue's option set that names each Tribuo 4.3.2 built-in optimiser reproduces it:
 * the built-in (driven as Tribuo's trainer does: negative gradient in, delta added to the
 * parameters, {@code finalise()} at the end) and the shared optimiser (gradient times the example
 * weight in, update subtracted, final adjustment) run side by side on a 2×3 weight matrix.
 * Dense gradients; the sparse differences are documented on each rule. This checks the formulas
 * directly; the Tribuo adapter's own parity tests check the plugin.
 */
class TribuoOptimiserFormulasTest {
    static final int R = 2;
    static final int C = 3;
    static final int N = R * C;
    static final int T = 12;
    static final double[] THETA0 = {0.5, -0.3, 1.2, 0.1, -0.8, 0.05};

    static double g(int t, int j) {
        return j == N - 1 ? 0 : Math.sin(1.3 * t + 0.7 * j + 0.1) * (1 + j);
    }

    /** Runs Tribuo's optimiser; returns the final (finalised) parameters, flattened row-major. */
    static double[] tribuo(StochasticGradientOptimiser optimiser, double weight) {
        double[][] w = new double[R][C];
        for (int j = 0; j < N; j++) {
            w[j / C][j % C] = THETA0[j];
        }
        LinearParameters params = new LinearParameters(DenseMatrix.createDenseMatrix(w));
        optimiser.initialise(params);
        for (int t = 0; t < T; t++) {
            double[][] negative = new double[R][C];
            for (int j = 0; j < N; j++) {
                negative[j / C][j % C] = -g(t, j);
            }
            params.update(optimiser.step(new Tensor[] {DenseMatrix.createDenseMatrix(negative)}, weight));
        }
        optimiser.finalise();
        DenseMatrix m = (DenseMatrix) params.get()[0];
        double[] out = new double[N];
        for (int j = 0; j < N; j++) {
            out[j] = m.get(j / C, j % C);
        }
        return out;
    }

    /** Runs the shared optimiser on {@code weight · g}; returns its evaluation parameters. */
    static double[] shared(String spec, double weight) {
        Optimiser o = Optimisers.parse(spec);
        double[] theta = THETA0.clone();
        double[][] state = new double[o.slabs()][N];
        o.initialise(state, 0, N);
        for (int t = 0; t < T; t++) {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                u[j] = weight * g(t, j);
            }
            o.dense(o.begin(t, null), u, o.needsParameters() ? theta : null, 0, state, N);
            for (int j = 0; j < N; j++) {
                theta[j] -= u[j];
            }
        }
        double[] adjustment = new double[N];
        o.finalAdjustment(T, adjustment, theta, 0, state, N);
        for (int j = 0; j < N; j++) {
            theta[j] -= adjustment[j];
        }
        return theta;
    }

    static Stream<Arguments> twins() {
        return Stream.of(
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> SGD.getSimpleSGD(0.1), "gradient_descent(0.1)", 0.5),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> SGD.getLinearDecaySGD(0.1),
                        "gradient_descent(lr=inverse_time(0.1))", 0.5),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> SGD.getSqrtDecaySGD(0.1),
                        "gradient_descent(lr=inverse_time(0.1, power=0.5))", 0.5),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> SGD.getSimpleSGD(0.1, 0.9, SGD.Momentum.STANDARD),
                        "momentum(lr=0.1, momentum=0.9)", 1.0),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> SGD.getLinearDecaySGD(0.1, 0.9, SGD.Momentum.NESTEROV),
                        "nesterov(lr=inverse_time(0.1), momentum=0.9)", 1.0),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> new AdaGrad(0.1, 1e-6, 0.1),
                        "adagrad(lr=0.1, eps=1e-6, initialAccumulator=0.1)", 0.5),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> new RMSProp(0.1, 0.9, 1e-8, 0.5),
                        "rmsprop(lr=inverse_time(0.1, decay=0.5), alpha=0.9, eps=1e-8)", 1.0),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> new AdaDelta(0.95, 1e-6),
                        "adadelta(lr=1, rho=0.95, eps=1e-6)", 1.0),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> new Pegasos(0.1, 0.5), "pegasos(lr=0.1, lambda=0.5)", 1.0),
                Arguments.of((Supplier<StochasticGradientOptimiser>) () -> new ParameterAveraging(SGD.getSimpleSGD(0.1)),
                        "averaging(gradient_descent(0.1), includeInitial=true)", 1.0));
    }

    @ParameterizedTest
    @MethodSource("twins")
    void sharedOptimiserReproducesTheBuiltIn(Supplier<StochasticGradientOptimiser> builtIn, String spec, double weight) {
        double[] expected = tribuo(builtIn.get(), weight);
        double[] actual = shared(spec, weight);
        for (int j = 0; j < N; j++) {
            assertThat(actual[j]).as("%s entry %d", spec, j).isCloseTo(expected[j], within(1e-14 * Math.max(1, Math.abs(expected[j]))));
        }
    }

    /**
     * A defect of 4.3.2: Tribuo's Adam multiplies by √v + ε instead of dividing. Its result is that
     * formula (re-implemented here), not Adam's, which {@code adam(eps=1e-6, epsilonHat=true)} is.
     */
    @Test
    void tribuoAdamMultipliesWhereAdamDivides() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-6;
        double[] theta = THETA0.clone();
        double[] m = new double[N];
        double[] v = new double[N];
        for (int t = 0; t < T; t++) {
            double rate = lr * Math.sqrt(1 - Math.pow(b2, t + 1)) / (1 - Math.pow(b1, t + 1));
            for (int j = 0; j < N; j++) {
                m[j] = b1 * m[j] + (1 - b1) * -g(t, j);
                v[j] = b2 * v[j] + (1 - b2) * g(t, j) * g(t, j);
                theta[j] += rate * m[j] * (Math.sqrt(v[j]) + eps);
            }
        }
        double[] tribuo = tribuo(new Adam(lr, b1, b2, eps), 1.0);
        double[] adam = shared("adam(lr=0.01, eps=1e-6, epsilonHat=true)", 1.0);
        for (int j = 0; j < N; j++) {
            assertThat(tribuo[j]).isCloseTo(theta[j], within(1e-12));
        }
        assertThat(Math.abs(tribuo[0] - adam[0])).isGreaterThan(1e-3);
    }
}
