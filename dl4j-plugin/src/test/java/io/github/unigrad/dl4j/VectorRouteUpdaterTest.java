package io.github.unigrad.dl4j;

import io.github.unigrad.optim.VectorRoute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The updater through DL4J's API on float memory, with the in-place vectorised route ({@link VectorRoute}) and with it
 * turned off: the same bits in the update and in the state view after several steps, the gradient and the state
 * being views at an offset of larger arrays (as in a network's flattened gradient and updater state). Every kind of
 * served kernel is here, and this module's tests see unigrad-shared as its jar: so on JDK 22+ (CI's newest-JDK stage)
 * they run the jar's JDK 22 memory access, which the shared module's own tests, run on its class folder, cannot.
 */
class VectorRouteUpdaterTest {

    private static float[][] run(String spec, int n, boolean inPlace) {
        String before = System.getProperty(VectorRoute.PROPERTY);
        System.setProperty(VectorRoute.PROPERTY, String.valueOf(inPlace));
        try {
            UnigradUpdater config = new UnigradUpdater(spec);
            INDArray stateWhole = Nd4j.zeros(DataType.FLOAT, 1, config.stateSize(n) + 7);
            INDArray state = stateWhole.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + config.stateSize(n)))
                    .reshape(1, config.stateSize(n));
            GradientUpdater<?> updater = config.instantiate(state, true);
            Nd4j.getRandom().setSeed(11);
            INDArray gradientWhole = Nd4j.zeros(DataType.FLOAT, 1, n + 3);
            INDArray gradient = gradientWhole.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 3 + n)).reshape(1, n);
            for (int t = 0; t < 5; t++) {
                gradient.assign(Nd4j.randn(DataType.FLOAT, 1, n).muli(t + 1));
                updater.applyUpdater(gradient, t, 0);
            }
            return new float[][] {gradient.toFloatVector(), state.length() == 0 ? new float[0] : state.toFloatVector()};
        } finally {
            if (before == null) {
                System.clearProperty(VectorRoute.PROPERTY);
            } else {
                System.setProperty(VectorRoute.PROPERTY, before);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam(lr=0.001, epsilonHat=true)", "adagrad(lr=0.1, eps=1e-06, initialAccumulator=1e-06)",
            "nesterov(lr=0.1, momentum=0.9, lrInVelocity=true)", "amsgrad(lr=0.01)", "nadam(lr=0.002)", "radam(lr=0.01)",
            "rmsprop(lr=0.01)", "momentum(lr=0.1, momentum=0.9)", "nesterov(lr=0.1, momentum=0.9)", "sgd(lr=0.5)",
            "chain(transforms=[clip_by_global_norm(max=1), scale_by_adam()], lr=0.01)", "adamax(lr=0.002)"})
    void inPlaceAndCopyRoutesGiveTheSameBits(String spec) {
        assumeTrue(VectorRoute.available(), "the in-place route needs JDK 17-19 and " + VectorRoute.JVM_FLAG);
        for (int n : new int[] {37, 70_001}) {
            float[][] copy = run(spec, n, false);
            float[][] inPlace = run(spec, n, true);
            assertThat(inPlace[0]).as("%s, n = %d: update", spec, n).isEqualTo(copy[0]);
            assertThat(inPlace[1]).as("%s, n = %d: state", spec, n).isEqualTo(copy[1]);
        }
    }
}
