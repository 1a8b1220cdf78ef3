package io.github.unigrad.host;

import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.optim.Step;
import io.github.unigrad.optim.VectorRoute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The in-place vectorised route over direct float memory ({@link VectorRoute}) against the copy route, on the same
 * inputs: the same bits for every value of the update and the state after several steps, including a tail shorter
 * than a vector, pieces on two threads, non-finite and extreme gradients. Runs where the route is available (JDK 17
 * to 19 with {@code --add-modules jdk.incubator.vector}, which the build's test JVMs get); elsewhere only the
 * fallback's contract is checked.
 */
class VectorRouteTest {
    /** Gradient values: random, plus zeros, ±∞, NaN, the extremes of float and subnormals at fixed places. */
    private static float[] gradient(Random random, int n) {
        float[] g = new float[n];
        for (int j = 0; j < n; j++) {
            g[j] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 4));
        }
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f};
        for (int k = 0; k < special.length && 97 * k + 5 < n; k++) {
            g[97 * k + 5] = special[k];
        }
        return g;
    }

    private static ByteBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
    }

    private static void put(ByteBuffer b, int at, float[] values) {
        b.asFloatBuffer().put(at, values);
    }

    private static float[] get(ByteBuffer b, int at, int n) {
        float[] out = new float[n];
        b.asFloatBuffer().get(at, out);
        return out;
    }

    /**
     * Steps {@code spec} {@code steps} times over {@code n} floats at offset 3 of a direct gradient whose state, as in
     * DL4J's updater view, is one buffer of consecutive slabs from offset 5; returns the update and the state.
     */
    private static float[][] run(String spec, int n, int steps, boolean inPlace, int threads) {
        Optimiser opt = Optimisers.parse(spec);
        int k = opt.slabs();
        ByteBuffer g = direct(n + 3);
        ByteBuffer s = direct(k * n + 5);
        NumberBuffer gb = NumberBuffer.ofFloatBytes(g);
        NumberBuffer sb = NumberBuffer.ofFloatBytes(s);
        NumberBuffer[] state = new NumberBuffer[k];
        int[] starts = new int[k];
        for (int q = 0; q < k; q++) {
            state[q] = sb;
            starts[q] = 5 + q * n;
        }
        BlockStepper stepper = new BlockStepper(BlockStepper.DEFAULT_BLOCK, threads, inPlace);
        stepper.initialise(opt, state, starts, n);
        Random random = new Random(spec.hashCode());
        for (int t = 0; t < steps; t++) {
            put(g, 3, gradient(random, n));
            Step step = stepper.begin(opt, t, gb, 3, n);
            stepper.apply(opt, step, gb, 3, state, starts, n);
        }
        return new float[][] {get(g, 3, n), get(s, 5, k * n)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam(lr=0.001, epsilonHat=true)", "adam(lr=0.01)", "adamw(lr=0.01, weightDecay=0)",
            "nadam(lr=0.002)", "radam(lr=0.01)", "adagrad(lr=0.1, eps=1e-06, initialAccumulator=1e-06)",
            "rmsprop(lr=0.01)", "nesterov(lr=0.1, momentum=0.9, lrInVelocity=true)", "nesterov(lr=0.1, momentum=0.9)",
            "momentum(lr=0.1, momentum=0.9, dampening=0.1)", "sgd(lr=0.5)",
            "chain(transforms=[clip_by_global_norm(max=1), scale_by_adam()], lr=0.01)",
            // kernels of their own: the copy route on both sides, the in-place route must leave them alone
            "adamax(lr=0.002)", "amsgrad(lr=0.01)", "adabelief(lr=0.01)", "rmsprop(lr=0.01, centered=true)", "lion"})
    void inPlaceGivesTheCopyRoutesBits(String spec) {
        assumeTrue(VectorRoute.available(), "the in-place route needs JDK 17-19 and " + VectorRoute.JVM_FLAG);
        for (int n : new int[] {1, 15, 16, 1000, 40_003}) {
            float[][] copy = run(spec, n, 7, false, 1);
            float[][] inPlace = run(spec, n, 7, true, 1);
            assertThat(inPlace[0]).as("%s, n = %d: update", spec, n).isEqualTo(copy[0]);
            assertThat(inPlace[1]).as("%s, n = %d: state", spec, n).isEqualTo(copy[1]);
        }
    }

    /** Every optimiser and transform of the catalogue (the contract test's samples), both routes, the same bits. */
    @ParameterizedTest
    @MethodSource("io.github.unigrad.optim.CatalogueContractTest#samples")
    void everyCatalogueSampleGivesTheSameBitsOnBothRoutes(String spec) {
        assumeTrue(VectorRoute.available(), "the in-place route needs JDK 17-19 and " + VectorRoute.JVM_FLAG);
        Optimiser opt = Optimisers.parse(spec);
        assumeTrue(!opt.needsParameters(), "a buffer step has no parameters");
        float[][] copy = run(spec, 1003, 4, false, 1);
        float[][] inPlace = run(spec, 1003, 4, true, 1);
        assertThat(inPlace[0]).as("%s: update", spec).isEqualTo(copy[0]);
        assertThat(inPlace[1]).as("%s: state", spec).isEqualTo(copy[1]);
    }

    @Test
    void twoThreadsInPlaceGiveTheOneThreadCopyRoutesBits() {
        assumeTrue(VectorRoute.available(), "the in-place route needs JDK 17-19 and " + VectorRoute.JVM_FLAG);
        int n = BlockStepper.PARALLEL_THRESHOLD + 12_345;
        float[][] copy = run("adam(lr=0.001)", n, 3, false, 1);
        float[][] inPlace = run("adam(lr=0.001)", n, 3, true, 2);
        assertThat(inPlace[0]).isEqualTo(copy[0]);
        assertThat(inPlace[1]).isEqualTo(copy[1]);
    }

    /** The route is taken, not only equal: a served chain steps the whole vectors in place; an unserved one none. */
    @Test
    void servedChainsStepWholeVectorsInPlaceOthersNone() {
        assumeTrue(VectorRoute.enabled(), "the in-place route needs JDK 17-19 and " + VectorRoute.JVM_FLAG);
        Optimiser adam = Optimisers.parse("adam");
        ByteBuffer g = direct(1000);
        ByteBuffer[] state = {direct(1000), direct(1000)};
        int done = adam.denseDirect(adam.begin(0, null), g, 0, state, new int[] {0, 0}, 1000);
        assertThat(done).isPositive().isLessThanOrEqualTo(1000).isGreaterThan(1000 - 64);
        Optimiser amsgrad = Optimisers.parse("amsgrad");
        ByteBuffer[] three = {direct(1000), direct(1000), direct(1000)};
        assertThat(amsgrad.denseDirect(amsgrad.begin(0, null), g, 0, three, new int[3], 1000)).isZero();
    }

    @Test
    void withoutTheRouteNothingIsSteppedInPlaceAndTheReasonIsGiven() {
        String before = System.getProperty(VectorRoute.PROPERTY);
        System.setProperty(VectorRoute.PROPERTY, "false");
        try {
            Optimiser adam = Optimisers.parse("adam");
            ByteBuffer g = direct(64);
            g.asFloatBuffer().put(0, 1f);
            int done = adam.denseDirect(adam.begin(0, null), g, 0, new ByteBuffer[] {direct(64), direct(64)},
                    new int[2], 64);
            assertThat(done).isZero();
            assertThat(g.asFloatBuffer().get(0)).isEqualTo(1f);
            assertThat(VectorRoute.enabled()).isFalse();
            assertThat(VectorRoute.whyNot()).startsWith("Unigrad: ").contains("copy each block to the heap");
        } finally {
            if (before == null) {
                System.clearProperty(VectorRoute.PROPERTY);
            } else {
                System.setProperty(VectorRoute.PROPERTY, before);
            }
        }
    }
}
