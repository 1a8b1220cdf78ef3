package io.github.unigrad.loss;

import io.github.unigrad.testing.RandomBatches;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property tests over the whole loss catalogue (every configuration of {@link LossCatalogueTest#differentiable()},
 * {@code zero_one} and a {@code multitask}) on valid batches with hostile entries planted in them: NaN, ±∞, ±1e300,
 * ±1e-300, -0, in predictions and targets, in rows of weight 1 and of weight 0.
 * <ul>
 *   <li>the only exception is an {@link IllegalArgumentException} naming the example (a domain error);</li>
 *   <li>NaN in, NaN out: an example with a NaN among its counted predictions or targets has a NaN value and a NaN in
 *       its gradient; an example of weight 0 has value and gradient 0 whatever it holds (padding);</li>
 *   <li>value and gradient agree: with finite inputs (however large or small), an example's value is NaN exactly
 *       when its gradient has a NaN. An infinite input may give an infinite value and a NaN gradient (∞/∞ in a
 *       derivative; the limit is not taken), which still stops training visibly. So may tweedie at |μ| or |y| beyond
 *       1e±150, where its powers overflow before they cancel (a known limit, not rewritten).</li>
 * </ul>
 */
class HostileBatchPropertiesTest {
    private static final int ROWS = 3;
    private static final String MULTITASK = "multitask(losses=[huber(delta=0.5), hinge, rmse], columns=[2, 1, 2])";
    private static final double[] HOSTILE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300,
        1e-300, -1e-300, -0.0, 1e200, -1e200};

    /** A spec, its prediction columns, and the planted entries. */
    record Case(String spec, int cols, List<Plant> plants, int seed) {
    }

    /** {@code value} written at entry {@code at} (modulo the array's length) of the predictions or the targets. */
    record Plant(boolean target, int at, double value) {
    }

    static List<Arguments> configurations() {
        List<Arguments> all = new ArrayList<>(LossCatalogueTest.differentiable().toList());
        all.add(Arguments.of("zero_one", 3));
        all.add(Arguments.of("zero_one(threshold=0)", 1));
        all.add(Arguments.of(MULTITASK, 5));
        return all;
    }

    @Provide
    Arbitrary<Case> cases() {
        List<Arguments> configs = configurations();
        Arbitrary<Plant> plant = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 999),
                Arbitraries.of(Arrays.stream(HOSTILE).boxed().toList())).as(Plant::new);
        return Combinators.combine(Arbitraries.integers().between(0, configs.size() - 1), plant.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 10_000)).as((c, plants, seed) -> {
                    Object[] a = configs.get(c).get();
                    return new Case((String) a[0], (Integer) a[1], plants, seed);
                });
    }

    @Property(tries = 3000)
    void hostileEntriesGiveNaNOrADomainErrorNeverASilentNumber(@ForAll("cases") Case c) {
        Loss loss = Losses.parse(c.spec());
        Random rnd = new Random(c.seed());
        LossBatch clean = c.spec().equals(MULTITASK) ? multitaskBatch(rnd) : RandomBatches.of(loss, ROWS, c.cols(), rnd);
        double[] x = clean.predictions().clone();
        double[] y = clean.targets().clone();
        for (Plant p : c.plants()) {
            double[] a = p.target() ? y : x;
            a[p.at() % a.length] = p.value();
        }
        double[] weights = {1, 0, 1}; // example 1 is padding
        LossBatch b = LossBatch.of(ROWS, c.cols(), x, y, clean.targetCols()).withExampleWeights(weights);
        double[] values = new double[ROWS];
        double[] gradient = loss.isDifferentiable() ? new double[ROWS * c.cols()] : null;
        try {
            loss.evaluate(b, values, gradient);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("a domain error names the example").containsPattern("example [02]");
            return;
        } catch (RuntimeException e) {
            fail(c + " threw " + e, e);
        }
        double[] counted = countedOutputs(loss, c.cols());
        boolean coupledBatch = c.spec().startsWith("batch_rmse");
        boolean infinite = c.plants().stream().anyMatch(p -> Double.isInfinite(p.value()))
                || c.spec().startsWith("tweedie") && c.plants().stream().anyMatch(p -> Math.abs(p.value()) > 1e150
                || p.value() != 0 && Math.abs(p.value()) < 1e-150);
        boolean anyNaN = false;
        for (int i : new int[] {0, 2}) {
            anyNaN |= rowHasNaN(x, i, c.cols(), counted) || rowHasNaN(y, i, b.targetCols(), b.targetCols() == c.cols() ? counted : null);
        }
        for (int i = 0; i < ROWS; i++) {
            boolean gradientNaN = false;
            if (gradient != null) {
                for (int j = 0; j < c.cols(); j++) {
                    gradientNaN |= Double.isNaN(gradient[i * c.cols() + j]);
                }
            }
            if (i == 1) {
                assertThat(values[1]).as("%s: padding example's value", c).isEqualTo(0.0);
                assertThat(gradientNaN).as("%s: padding example's gradient", c).isFalse();
                continue;
            }
            boolean nanIn = coupledBatch ? anyNaN : rowHasNaN(x, i, c.cols(), counted) || rowHasNaN(y, i, b.targetCols(), b.targetCols() == c.cols() ? counted : null);
            if (nanIn) {
                assertThat(values[i]).as("%s: value of example %d with a NaN input", c, i).isNaN();
                if (gradient != null) {
                    assertThat(gradientNaN).as("%s: gradient of example %d with a NaN input: %s", c, i,
                            Arrays.toString(gradient)).isTrue();
                }
            }
            if (gradient != null && !infinite) {
                assertThat(gradientNaN).as("%s: example %d, value %s, gradient %s: NaN in one exactly when in the other",
                        c, i, values[i], Arrays.toString(gradient)).isEqualTo(Double.isNaN(values[i]));
            }
        }
    }

    /** Per prediction column, 1 when it counts (its output weight is not 0), or null when all do. */
    private static double[] countedOutputs(Loss loss, int cols) {
        return loss instanceof ElementwiseLoss e ? e.outputWeights() : null;
    }

    private static boolean rowHasNaN(double[] a, int i, int cols, double[] counted) {
        for (int j = 0; j < cols; j++) {
            if (Double.isNaN(a[i * cols + j]) && (counted == null || counted[j] != 0)) {
                return true;
            }
        }
        return false;
    }

    private static LossBatch multitaskBatch(Random rnd) {
        double[] x = new double[ROWS * 5];
        double[] y = new double[ROWS * 5];
        for (int k = 0; k < x.length; k++) {
            x[k] = rnd.nextGaussian();
            y[k] = k % 5 == 2 ? (rnd.nextBoolean() ? 1 : -1) : rnd.nextGaussian();
        }
        return LossBatch.of(ROWS, 5, x, y);
    }

    @org.junit.jupiter.api.Test
    void everyLossOfTheCatalogueIsCovered() {
        // the catalogue test list must name every loss of the catalogue (all 30)
        List<String> names = configurations().stream().map(a -> Losses.parse((String) a.get()[0]).name()).distinct().toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(Losses.names());
    }
}
