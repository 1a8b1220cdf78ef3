package io.github.unigrad.optim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * The float path agrees, to float precision, with the double step applied to the float values and
 * rounded to float, for every catalogue sample (every optimiser and transform, whichever route each
 * takes: float kernel or widening), across several chunks; and its sparse step listing every index
 * agrees with its dense step.
 */
class FloatPathTest {
    static final int N = FloatSteps.CHUNK + 77;

    static List<String> samples() {
        return CatalogueContractTest.samples();
    }

    static float[] theta0() {
        float[] t = new float[N];
        for (int j = 0; j < N; j++) {
            t[j] = (float) CatalogueContractTest.THETA0[j % 5] * (1 + j % 7);
        }
        return t;
    }

    static float[] gradient(float[] theta, long i) {
        float[] g = new float[N];
        for (int j = 0; j < N; j++) {
            g[j] = (float) (CatalogueContractTest.A[j % 5] * (theta[j] - CatalogueContractTest.C[j % 5]) + 0.3 * Math.sin(1.7 * i + j));
        }
        return g;
    }

    static GradientSummary summary(Optimiser opt, float[] g) {
        return opt.needsGradientSummary() ? new GradientSummary().add(g, 0, g.length) : null;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void floatStepAgreesWithTheDoubleStepRoundedToFloat(String text) {
        Optimiser opt = Optimisers.parse(text);
        float[] theta = theta0();
        float[][] state = new float[opt.slabs()][N];
        opt.initialise(state, 0, N);
        float[] refTheta = theta0();
        double[][] refState = new double[opt.slabs()][N];
        opt.initialise(refState, 0, N);
        for (double[] slab : refState) {
            for (int j = 0; j < N; j++) {
                slab[j] = (float) slab[j]; // float state starts at the float initial value
            }
        }
        for (long i = 0; i < 6; i++) {
            float[] g = gradient(theta, i);
            opt.dense(opt.begin(i, summary(opt, g)), g, theta, 0, state, N);
            for (int j = 0; j < N; j++) {
                theta[j] -= g[j];
            }
            float[] rg = gradient(refTheta, i);
            double[] u = new double[N];
            double[] p = new double[N];
            for (int j = 0; j < N; j++) {
                u[j] = rg[j];
                p[j] = refTheta[j];
            }
            opt.dense(opt.begin(i, summary(opt, rg)), u, p, 0, refState, N);
            for (int j = 0; j < N; j++) {
                refTheta[j] -= (float) u[j];
                for (double[] slab : refState) {
                    slab[j] = (float) slab[j];
                }
            }
        }
        FloatAgreement.assertAgrees(theta, refTheta, "theta");
        for (int k = 0; k < state.length; k++) {
            float[] expected = new float[N];
            for (int j = 0; j < N; j++) {
                expected[j] = (float) refState[k][j];
            }
            FloatAgreement.assertAgrees(state[k], expected, "slab " + k);
        }
    }

}
