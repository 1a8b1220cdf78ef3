package io.github.unigrad.loss;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared numerical pieces against the JDK's own functions. */
class NumericsTest {

    private static double[] expBelowZero(double shift, double... x) {
        double[] y = new double[x.length];
        double sum = Numerics.expBelowZero(x, 0, x.length, shift, y, 0);
        double s = 0;
        for (double v : y) {
            s += v;
        }
        assertThat(Double.compare(sum, s)).isZero();
        return y;
    }

    @Test
    void expBelowZeroIsWithinTwoUlpsOfMathExpOverTheWholeRange() {
        Random r = new Random(11);
        int n = 200_000;
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            // a third of the points near 0, a third over the usual logit range, a third down to underflow
            x[j] = switch (j % 3) {
                case 0 -> -r.nextDouble();
                case 1 -> -40 * r.nextDouble();
                default -> -750 * r.nextDouble();
            };
        }
        double[] y = expBelowZero(0, x);
        for (int j = 0; j < n; j++) {
            double expected = Math.exp(x[j]);
            assertThat(Math.abs(y[j] - expected)).as("e^%s", x[j]).isLessThanOrEqualTo(2 * Math.ulp(expected));
        }
    }

    @Test
    void expBelowZeroAtItsEdges() {
        double[] x = {0, -0.0, -Double.MIN_VALUE, -1e-300, Math.log(2) / 2, -Math.log(2) / 2, -708.3964185322641,
                -708.4, -709, -744.4400719213812, -745.1332191019411, -745.2, -746, -1e308, Double.NEGATIVE_INFINITY};
        // as a short row (Math.exp) and repeated into a long one (the polynomial)
        double[] longRow = new double[x.length * (Numerics.SHORT_ROW / x.length + 1)];
        for (int j = 0; j < longRow.length; j++) {
            longRow[j] = x[j % x.length];
        }
        for (double[] row : new double[][]{x, longRow}) {
            double[] y = expBelowZero(0, row);
            for (int j = 0; j < row.length; j++) {
                double expected = Math.exp(row[j]);
                assertThat(Math.abs(y[j] - expected)).as("e^%s", row[j]).isLessThanOrEqualTo(2 * Math.ulp(expected));
            }
            assertThat(y[0]).isEqualTo(1.0);
            assertThat(y[x.length - 1]).isEqualTo(0.0);
            assertThat(y[x.length - 2]).isEqualTo(0.0);
        }
        double[] nan = new double[Numerics.SHORT_ROW];
        nan[5] = Double.NaN;
        assertThat(expBelowZero(0, nan)[5]).isNaN();
        assertThat(expBelowZero(0, Double.NaN)[0]).isNaN();
        // the shift is subtracted first: e^{x - 1000} for x near 1000
        assertThat(expBelowZero(1000, 999, 1000)).containsExactly(Math.exp(-1), 1.0);
    }

    @Test
    void softmaxSumsToOneAndReturnsTheLogSumExp() {
        double[] z = {1000, 999, -1000, 3};
        double[] p = new double[4];
        double lse = Numerics.softmax(z, 0, 4, p, 0);
        assertThat(lse).isEqualTo(1000 + Math.log1p(Math.exp(-1)));
        assertThat(p[0] + p[1] + p[2] + p[3]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(p[2]).isEqualTo(0.0);
        assertThat(p[1] / p[0]).isCloseTo(Math.exp(-1), org.assertj.core.data.Offset.offset(1e-15));
    }
}
