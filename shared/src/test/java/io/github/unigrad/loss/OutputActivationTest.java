package io.github.unigrad.loss;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OutputActivationTest {

    @Test
    void softmaxOfHandWorkedScores() {
        double[] p = new double[3];
        OutputActivation.SOFTMAX.forward(new double[]{0, Math.log(2), Math.log(5)}, 0, p, 0, 3);
        assertThat(p).containsExactly(new double[]{1 / 8.0, 2 / 8.0, 5 / 8.0}, within(1e-15));
    }

    @Test
    void softmaxDoesNotOverflowOnHugeScores() {
        double[] p = new double[2];
        OutputActivation.SOFTMAX.forward(new double[]{1000, 1000}, 0, p, 0, 2);
        assertThat(p).containsExactly(0.5, 0.5);
    }

    @Test
    void sigmoidOfHandWorkedScoresAndExtremes() {
        double[] p = new double[4];
        OutputActivation.SIGMOID.forward(new double[]{0, Math.log(3), -800, 800}, 0, p, 0, 4);
        assertThat(p).containsExactly(new double[]{0.5, 0.75, 0, 1}, within(1e-15));
    }

    @Test
    void backwardPassesMatchCentralDifferencesOfALinearFunctionOfTheOutputs() {
        double[] z = {0.3, -1.2, 2.0, 0.7};
        double[] g = {0.5, -2.0, 1.5, 0.25};
        for (OutputActivation act : OutputActivation.values()) {
            double[] p = new double[4];
            act.forward(z, 0, p, 0, 4);
            double[] dz = new double[4];
            act.backward(p, 0, g, 0, dz, 0, 4);
            double h = 1e-6;
            for (int k = 0; k < 4; k++) {
                double[] plus = z.clone();
                double[] minus = z.clone();
                plus[k] += h;
                minus[k] -= h;
                double numeric = (dot(act, plus, g) - dot(act, minus, g)) / (2 * h);
                assertThat(dz[k]).as("%s dz[%d]", act, k).isCloseTo(numeric, within(1e-9));
            }
        }
    }

    private static double dot(OutputActivation act, double[] z, double[] g) {
        double[] p = new double[z.length];
        act.forward(z, 0, p, 0, z.length);
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            s += p[j] * g[j];
        }
        return s;
    }
}
