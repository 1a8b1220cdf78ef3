package io.github.unigrad.testing;

import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Central finite differences for losses: {@code (L(x + h e_k) - L(x - h e_k)) / 2h} against the
 * loss's analytical gradient, entry by entry, in double precision.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** The numerical gradient of {@code Σ_i values_i} with respect to every prediction. */
    public static double[] numericalGradient(Loss loss, LossBatch batch, double h) {
        double[] x = batch.predictions();
        double[] numeric = new double[x.length];
        double[] values = new double[batch.rows()];
        for (int k = 0; k < x.length; k++) {
            double saved = x[k];
            x[k] = saved + h;
            loss.evaluate(batch, values, null);
            double plus = sum(values);
            x[k] = saved - h;
            loss.evaluate(batch, values, null);
            double minus = sum(values);
            x[k] = saved;
            numeric[k] = (plus - minus) / (2 * h);
        }
        return numeric;
    }

    /**
     * Asserts that the analytical gradient matches central differences: for every entry,
     * {@code |a - n| ≤ absTol + relTol · max(|a|, |n|)}.
     */
    public static void assertGradientMatches(Loss loss, LossBatch batch, double h, double relTol, double absTol) {
        double[] analytic = loss.compute(batch, true).gradient();
        double[] numeric = numericalGradient(loss, batch, h);
        for (int k = 0; k < analytic.length; k++) {
            double a = analytic[k];
            double n = numeric[k];
            double tol = absTol + relTol * Math.max(Math.abs(a), Math.abs(n));
            assertThat(Math.abs(a - n))
                    .as("%s: d/dx[%d] (example %d, output %d): analytic %s vs numeric %s on %s", loss, k,
                            k / batch.cols(), k % batch.cols(), a, n, batch)
                    .isLessThanOrEqualTo(tol);
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }
}
