package io.github.unigrad.host;

import io.github.unigrad.optim.Chain;
import io.github.unigrad.optim.GradientSummary;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.optim.Step;
import io.github.unigrad.optim.Transform;
import io.github.unigrad.schedule.Constant;
import io.github.unigrad.spec.Spec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockStepperTest {
    private static final int N = 53;

    /** g ← g / √(acc + g²) with acc starting at 0.5 and growing: a one-slab rule with a non-zero start. */
    private static final class Accumulate implements Transform {
        @Override
        public int slabs() {
            return 1;
        }

        @Override
        public double initialValue(int k) {
            return 0.5;
        }

        @Override
        public void dense(Object c, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
            for (int j = 0; j < n; j++) {
                double a = state[slab][o + j] + u[o + j] * u[o + j];
                state[slab][o + j] = a;
                u[o + j] = scale * u[o + j] / Math.sqrt(a);
            }
        }

        @Override
        public void sparse(Object c, double scale, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state, int slab) {
            throw new AssertionError("not used");
        }

        @Override
        public Spec spec() {
            return Spec.of("accumulate");
        }
    }

    private static double[] random(Random r, int n) {
        double[] a = new double[n];
        for (int j = 0; j < n; j++) {
            a[j] = r.nextGaussian();
        }
        return a;
    }

    @Test
    void blockwiseAdamEqualsOneDenseCallOverTheWholeArray() {
        Optimiser adam = Optimisers.adam(0.01);
        Random r = new Random(1);
        double[][] expectedState = {new double[N], new double[N]};
        double[] stateBuffer = new double[3 + 2 * N];
        BlockStepper stepper = new BlockStepper(7);
        for (int t = 0; t < 4; t++) {
            double[] g = random(r, N);
            double[] expected = g.clone();
            adam.dense(adam.begin(t, null), expected, null, 0, expectedState, N);
            double[] gradientBuffer = new double[5 + N];
            System.arraycopy(g, 0, gradientBuffer, 5, N);
            NumberBuffer state = NumberBuffer.of(stateBuffer);
            NumberBuffer gradient = NumberBuffer.of(gradientBuffer);
            stepper.apply(adam, stepper.begin(adam, t, gradient, 5, N), gradient, 5,
                    new NumberBuffer[]{state, state}, new int[]{3, 3 + N}, N);
            for (int j = 0; j < N; j++) {
                assertThat(gradientBuffer[5 + j]).isEqualTo(expected[j]);
                assertThat(stateBuffer[3 + j]).isEqualTo(expectedState[0][j]);
                assertThat(stateBuffer[3 + N + j]).isEqualTo(expectedState[1][j]);
            }
        }
    }

    @Test
    void floatBuffersTakeTheOptimisersFloatStepBlockByBlock() {
        Optimiser adam = Optimisers.parse("adam(lr=0.01, epsilonHat=true)");
        Random r = new Random(3);
        float[][] expectedState = {new float[N], new float[N]};
        FloatBuffer state = ByteBuffer.allocateDirect(4 * (3 + 2 * N)).order(ByteOrder.nativeOrder()).asFloatBuffer();
        BlockStepper stepper = new BlockStepper(7);
        for (int t = 0; t < 4; t++) {
            float[] g = new float[N];
            for (int j = 0; j < N; j++) {
                g[j] = (float) r.nextGaussian();
            }
            float[] expected = g.clone();
            adam.dense(adam.begin(t, null), expected, null, 0, expectedState, N);
            FloatBuffer gradientBuffer = ByteBuffer.allocateDirect(4 * (5 + N)).order(ByteOrder.nativeOrder()).asFloatBuffer();
            gradientBuffer.put(5, g);
            NumberBuffer s = NumberBuffer.of(state);
            NumberBuffer gradient = NumberBuffer.of(gradientBuffer);
            stepper.apply(adam, stepper.begin(adam, t, gradient, 5, N), gradient, 5, new NumberBuffer[]{s, s}, new int[]{3, 3 + N}, N);
            for (int j = 0; j < N; j++) {
                assertThat(gradientBuffer.get(5 + j)).isEqualTo(expected[j]);
                assertThat(state.get(3 + j)).isEqualTo(expectedState[0][j]);
                assertThat(state.get(3 + N + j)).isEqualTo(expectedState[1][j]);
            }
        }
    }

    @Test
    void rejectsAFloatGradientWithDoubleState() {
        Optimiser adam = Optimisers.adam(0.01);
        NumberBuffer gradient = NumberBuffer.of(new float[N]);
        NumberBuffer state = NumberBuffer.of(new double[2 * N]);
        assertThatThrownBy(() -> new BlockStepper().apply(adam, adam.begin(0, null), gradient, 0,
                new NumberBuffer[]{state, state}, new int[]{0, N}, N))
                .hasMessageContaining("all float or all double; got a Floats gradient and a Doubles state slab");
    }

    @Test
    void initialiseWritesEachSlabsStartValueAndFloatsRoundOnWrite() {
        Optimiser acc = new Chain(null, new Constant(1), List.of(new Accumulate()));
        ByteBuffer bytes = ByteBuffer.allocateDirect(4 * (N + 2)).order(ByteOrder.nativeOrder());
        FloatBuffer state = bytes.asFloatBuffer();
        BlockStepper stepper = new BlockStepper(8);
        NumberBuffer[] slabs = {NumberBuffer.of(state)};
        int[] starts = {2};
        stepper.initialise(acc, slabs, starts, N);
        assertThat(state.get(0)).isZero();
        assertThat(state.get(2)).isEqualTo(0.5f);
        assertThat(state.get(N + 1)).isEqualTo(0.5f);

        float[] g = new float[N];
        for (int j = 0; j < N; j++) {
            g[j] = 0.1f * (j - 20);
        }
        float[] before = g.clone();
        NumberBuffer gradient = NumberBuffer.of(g);
        stepper.apply(acc, stepper.begin(acc, 0, gradient, 0, N), gradient, 0, slabs, starts, N);
        for (int j = 0; j < N; j++) {
            double a = 0.5 + (double) before[j] * before[j];
            assertThat(state.get(2 + j)).isEqualTo((float) a);
            assertThat(g[j]).isEqualTo((float) (before[j] / Math.sqrt(a)));
        }
    }

    @Test
    void summaryCoversEveryBlock() {
        double[] g = new double[N];
        for (int j = 0; j < N; j++) {
            g[j] = j;
        }
        GradientSummary s = new BlockStepper(10).summarise(NumberBuffer.of(DoubleBuffer.wrap(g)), 0, N);
        double expected = 0;
        for (int j = 0; j < N; j++) {
            expected += (double) j * j;
        }
        assertThat(s.norm()).isEqualTo(Math.sqrt(expected));
        g[N - 1] = Double.NaN;
        assertThat(new BlockStepper(10).summarise(NumberBuffer.of(g), 0, N).isFinite()).isFalse();
    }

    @Test
    void piecesOnSeveralThreadsGiveExactlyTheOneThreadResult() {
        int n = BlockStepper.PARALLEL_THRESHOLD * 2 + 12345;
        Optimiser adam = Optimisers.adam(0.01);
        float[][] gradients = new float[2][n];
        float[][] states = new float[2][2 * n + 7];
        Random r = new Random(7);
        for (int j = 0; j < n; j++) {
            gradients[0][j] = (float) r.nextGaussian();
        }
        gradients[1] = gradients[0].clone();
        BlockStepper[] steppers = {new BlockStepper(BlockStepper.DEFAULT_BLOCK, 1), new BlockStepper(BlockStepper.DEFAULT_BLOCK, 3)};
        for (int s = 0; s < 2; s++) {
            NumberBuffer g = NumberBuffer.of(gradients[s]);
            NumberBuffer state = NumberBuffer.of(states[s]);
            for (int t = 0; t < 2; t++) {
                steppers[s].apply(adam, adam.begin(t, null), g, 0, new NumberBuffer[]{state, state}, new int[]{7, 7 + n}, n);
            }
        }
        assertThat(gradients[1]).isEqualTo(gradients[0]);
        assertThat(states[1]).isEqualTo(states[0]);
        assertThat(states[0][7 + n - 1]).isNotZero();
        assertThat(states[0][7 + 2 * n - 1]).isNotZero();
    }

    @Test
    void rejectsAWrongNumberOfSlabs() {
        Optimiser adam = Optimisers.adam(0.01);
        double[] g = new double[N];
        NumberBuffer gradient = NumberBuffer.of(g);
        assertThatThrownBy(() -> new BlockStepper().apply(adam, adam.begin(0, null), gradient, 0,
                new NumberBuffer[]{gradient}, new int[]{0}, N))
                .hasMessageContaining("keeps 2 state slabs; got 1 buffers");
    }

    @Test
    void rejectsABadBlockLength() {
        assertThatThrownBy(() -> new BlockStepper(0)).hasMessageContaining("block length must be >= 1, got 0");
        assertThatThrownBy(() -> new BlockStepper(8, 0)).hasMessageContaining("threads must be >= 1, got 0");
    }
}
