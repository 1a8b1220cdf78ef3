package io.github.unigrad.host;

import io.github.unigrad.host.BlockEvaluator.Batch;
import io.github.unigrad.host.BlockEvaluator.Region;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.loss.Losses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The block-streamed evaluation must give exactly what the loss gives on the whole batch in double
 * arrays, whatever the block size, the number of threads and the buffers' layout (offsets, off-heap,
 * float); a batch-coupled loss is evaluated whole; errors name the example by its minibatch index.
 */
class BlockEvaluatorTest {
    private static final int ROWS = 37;
    private static final int COLS = 5;

    private static double[] random(Random r, int n, double low, double high) {
        double[] a = new double[n];
        for (int j = 0; j < n; j++) {
            a[j] = low + (high - low) * r.nextDouble();
        }
        return a;
    }

    /** Values placed from index {@code at} of a larger double buffer (garbage around them). */
    private static Region region(double[] values, int at) {
        double[] padded = new double[at + values.length + 3];
        java.util.Arrays.fill(padded, Double.NaN);
        System.arraycopy(values, 0, padded, at, values.length);
        return new Region(NumberBuffer.of(padded), at);
    }

    private static Region offHeapFloats(float[] values, int at) {
        FloatBuffer b = ByteBuffer.allocateDirect(4 * (at + values.length)).order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(at, values);
        return new Region(NumberBuffer.of(b), at);
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int j = 0; j < a.length; j++) {
            f[j] = (float) a[j];
        }
        return f;
    }

    private static double[] widened(float[] f) {
        double[] a = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            a[j] = f[j];
        }
        return a;
    }

    private record Case(double[] x, double[] t, int targetCols, double[] weights, double[] mask) {
        LossBatch whole() {
            LossBatch b = LossBatch.of(ROWS, COLS, x, t, targetCols);
            return b.withExampleWeights(weights).withOutputMask(mask);
        }

        Batch buffered() {
            Batch b = Batch.of(ROWS, COLS, region(x, 2), region(t, 5), targetCols);
            return b.withExampleWeights(weights == null ? null : region(weights, 1))
                    .withOutputMask(mask == null ? null : region(mask, 7));
        }
    }

    private static Case caseFor(Loss loss, Random r, boolean weighted) {
        double[] x = random(r, ROWS * COLS, -2, 2);
        double[] t;
        int targetCols = loss.targetCols(COLS);
        if (loss.acceptsClassIndices()) {
            t = new double[ROWS * COLS];
            for (int i = 0; i < ROWS; i++) {
                t[i * COLS + r.nextInt(COLS)] = 1;
            }
        } else {
            t = random(r, ROWS * targetCols, 0.05, 0.95);
        }
        double[] w = weighted ? random(r, ROWS, 0, 2) : null;
        if (w != null) {
            w[3] = 0;
        }
        double[] m = null;
        if (weighted && loss.supportsOutputMask()) {
            m = new double[ROWS * COLS];
            for (int k = 0; k < m.length; k++) {
                m[k] = r.nextInt(4) == 0 ? 0 : 1;
            }
        }
        return new Case(x, t, targetCols, w, m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax_cross_entropy", "binary_cross_entropy", "mse", "huber(delta=0.5)", "rmse",
            "batch_rmse", "multiclass_hinge", "focal(gamma=2)", "quantile(quantiles=[0.3])", "log_cosh"})
    void blocksAndThreadsGiveTheWholeBatchResultExactly(String spec) {
        Loss loss = Losses.parse(spec);
        Random r = new Random(spec.hashCode());
        for (boolean weighted : new boolean[]{false, true}) {
            Case c = caseFor(loss, r, weighted);
            double[] values = new double[ROWS];
            double[] gradient = new double[ROWS * COLS];
            loss.evaluate(c.whole(), values, gradient);
            for (int[] setting : new int[][]{{1, 1}, {7, 1}, {12, 3}, {COLS * ROWS, 2}, {1_000_000, 4}}) {
                double[] v = new double[ROWS];
                double[] g = new double[ROWS * COLS + 4];
                new BlockEvaluator(setting[0], setting[1]).evaluate(loss, c.buffered(), v, new Region(NumberBuffer.of(g), 4));
                assertThat(v).as("%s values, block %d, threads %d", spec, setting[0], setting[1]).containsExactly(values);
                assertThat(java.util.Arrays.copyOfRange(g, 4, g.length)).as("%s gradient", spec).containsExactly(gradient);
            }
            double[] scoreOnly = new double[ROWS];
            new BlockEvaluator(6, 2).evaluate(loss, c.buffered(), scoreOnly, null);
            assertThat(scoreOnly).containsExactly(values);
        }
    }

    /**
     * A batch above the parallel threshold, split across threads: equal to the one-thread whole-batch
     * result, from off-heap float buffers, with the gradient rounded to float once.
     */
    @Test
    void largeFloatBatchOverThreadsEqualsTheDoubleComputationRoundedOnce() {
        Loss loss = Losses.parse("softmax_cross_entropy");
        int rows = 700;
        int cols = 100;
        Random r = new Random(3);
        float[] x = floats(random(r, rows * cols, -5, 5));
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            t[i * cols + r.nextInt(cols)] = 1;
        }
        assertThat((long) rows * cols).isGreaterThanOrEqualTo(BlockEvaluator.PARALLEL_THRESHOLD);
        double[] values = new double[rows];
        double[] gradient = new double[rows * cols];
        loss.evaluate(LossBatch.of(rows, cols, widened(x), widened(t)), values, gradient);

        float[] out = new float[rows * cols];
        double[] v = new double[rows];
        Batch batch = Batch.of(rows, cols, offHeapFloats(x, 3), offHeapFloats(t, 0), cols);
        new BlockEvaluator(1000, 2).evaluate(loss, batch, v, new Region(NumberBuffer.of(out), 0));
        assertThat(v).containsExactly(values);
        assertThat(out).containsExactly(floats(gradient));
    }

    @Test
    void anErrorNamesTheExampleByItsIndexInTheMinibatch() {
        Loss loss = Losses.parse("softmax_cross_entropy");
        double[] x = new double[ROWS * COLS];
        double[] t = new double[ROWS];
        t[29] = 9;
        Batch batch = Batch.of(ROWS, COLS, region(x, 0), region(t, 0), 1);
        assertThatThrownBy(() -> new BlockEvaluator(10, 2).evaluate(loss, batch, new double[ROWS], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target of example 29")
                .hasMessageContaining("is 9.0");
    }

    @Test
    void badSettingsAndOutputsAreRefused() {
        assertThatThrownBy(() -> new BlockEvaluator(0, 1)).hasMessageContaining("block length must be >= 1, got 0");
        assertThatThrownBy(() -> new BlockEvaluator(8, 0)).hasMessageContaining("threads must be >= 1, got 0");
        Batch batch = Batch.of(ROWS, COLS, region(new double[ROWS * COLS], 0), region(new double[ROWS * COLS], 0), COLS);
        assertThatThrownBy(() -> new BlockEvaluator().evaluate(Losses.mse(), batch, new double[3], null))
                .hasMessageContaining("values need one slot per example: " + ROWS + ", got 3");
        assertThatThrownBy(() -> new Region(NumberBuffer.of(new double[2]), -1)).hasMessageContaining("index >= 0, got -1");
    }
}
