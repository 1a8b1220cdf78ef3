package io.github.unigrad.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdaBeliefUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaBelief;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Our updater, configured to DL4J's conventions, against every DL4J built-in updater: the same
 * parameters after 20 {@code fit} calls of a small double network (relative 1e-9) and the same
 * updater state (AdaBelief, which DL4J cannot train a network with, step by step). In a float
 * network (DL4J's default), where our updater runs the float kernels, the stateful rules but Nadam
 * agree to float precision (see {@link #floatTwins()}).
 */
class UpdaterParityTest {
    private static final double TOLERANCE = 1e-9;
    /** Float precision after a few fits: the two sides round differently (operation order), by a few ulps per step. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    @BeforeAll
    static void doubles() {
        Arrays2.useDoubles();
    }

    record Twin(IUpdater builtin, String spec) {
        @Override
        public String toString() {
            return builtin.getClass().getSimpleName() + " ~ " + spec;
        }
    }

    static List<Twin> twins() {
        return List.of(
                new Twin(new Sgd(0.05), "gradient_descent(lr=0.05)"),
                new Twin(new Nesterovs(0.05, 0.9), "nesterov(lr=0.05, momentum=0.9, lrInVelocity=true)"),
                new Twin(new AdaGrad(0.05, 1e-6), "adagrad(lr=0.05, eps=1e-06, initialAccumulator=1e-06)"),
                new Twin(new RmsProp(0.01, 0.95, 1e-8), "rmsprop(lr=0.01, alpha=0.95, eps=1e-08, initialAccumulator=1e-08)"),
                new Twin(new Adam(0.01), "adam(lr=0.01, epsilonHat=true)"),
                new Twin(new AdaMax(0.01), "adamax(lr=0.01, eps=1e-32, epsInMax=false)"),
                new Twin(new Nadam(0.01), "nadam(lr=0.01, dl4j=true)"),
                new Twin(new AMSGrad(0.01), "amsgrad(lr=0.01, epsilonHat=true)"),
                new Twin(new AdaDelta(), "adadelta(lr=1, rho=0.95, eps=1e-06)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void sameParametersAndStateAfterTwentyFits(Twin twin) {
        MultiLayerNetwork builtin = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), twin.builtin()));
        MultiLayerNetwork ours = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new UnigradUpdater(twin.spec())));
        INDArray start = builtin.params().dup();
        assertThat(ours.params()).isEqualTo(start);
        Nets.fit(builtin, 0, 20);
        Nets.fit(ours, 0, 20);
        assertThat(Arrays2.relativeError(builtin.params().sub(start), ours.params().sub(start)))
                .as("change of the parameters").isLessThanOrEqualTo(TOLERANCE);
        if (builtin.getUpdater().getStateViewArray() != null) {
            assertThat(Arrays2.relativeError(builtin.getUpdater().getStateViewArray(), ours.getUpdater().getStateViewArray()))
                    .as("updater state").isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /**
     * The twins with updater state, but Nadam: DL4J's native float Nadam and ours differ by 1.3e-5 relative
     * in the change of the parameters after five fits, and by as much (1.28e-5) when ours widens to the
     * double step instead of running its float kernel: the difference does not come from the float kernel.
     */
    static List<Twin> floatTwins() {
        return twins().stream().filter(t -> t.builtin() instanceof Adam || t.builtin() instanceof Nesterovs
                || t.builtin() instanceof AdaGrad || t.builtin() instanceof RmsProp || t.builtin() instanceof AMSGrad
                || t.builtin() instanceof AdaMax || t.builtin() instanceof AdaDelta).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floatTwins")
    void sameParametersAndStateToFloatPrecisionInAFloatNetwork(Twin twin) {
        MultiLayerNetwork builtin = Nets.init(Nets.mlp(DataType.FLOAT, new LossMCXENT(), twin.builtin()));
        MultiLayerNetwork ours = Nets.init(Nets.mlp(DataType.FLOAT, new LossMCXENT(), new UnigradUpdater(twin.spec())));
        INDArray start = builtin.params().dup();
        assertThat(start.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(ours.params()).isEqualTo(start);
        Nets.fit(builtin, 0, 5);
        Nets.fit(ours, 0, 5);
        assertThat(ours.getUpdater().getStateViewArray().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Arrays2.relativeError(builtin.params().sub(start), ours.params().sub(start)))
                .as("change of the parameters").isLessThanOrEqualTo(FLOAT_TOLERANCE);
        assertThat(Arrays2.relativeError(builtin.getUpdater().getStateViewArray(), ours.getUpdater().getStateViewArray()))
                .as("updater state").isLessThanOrEqualTo(FLOAT_TOLERANCE);
    }

    /**
     * DL4J's AdaBelief cannot train a network in 1.0.0-M2.1: {@code AdaBelief.instantiate} divides
     * {@code gradientShape[1]} of the 1-D state view's shape and throws. Its rule is compared here at
     * the {@code GradientUpdater} level instead, on a 2-D view as the updater expects: 20 steps of
     * random gradients, same updates and state.
     */
    @Test
    void adaBeliefSameUpdatesAndStateStepByStep() {
        assertThatThrownBy(() -> Nets.fit(Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new AdaBelief(0.01))), 0, 1))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        int n = 50;
        INDArray builtinView = Nd4j.zeros(DataType.DOUBLE, 1, 2 * n);
        AdaBeliefUpdater builtin = new AdaBeliefUpdater(new AdaBelief(0.01));
        builtin.setStateViewArray(builtinView, new long[]{1, n}, 'c', true);
        INDArray oursView = Nd4j.zeros(DataType.DOUBLE, 1, 2 * n);
        GradientUpdater<?> ours = new UnigradUpdater("adabelief(lr=0.01, eps=1e-14, epsilonHat=true)").instantiate(oursView, true);
        java.util.Random r = new java.util.Random(5);
        for (int t = 0; t < 20; t++) {
            INDArray g = Arrays2.gaussian(r, 1, n, DataType.DOUBLE);
            INDArray b = g.dup();
            INDArray o = g.dup();
            builtin.applyUpdater(b, t, 0);
            ours.applyUpdater(o, t, 0);
            assertThat(Arrays2.relativeError(b, o)).as("update " + t).isLessThanOrEqualTo(TOLERANCE);
        }
        assertThat(Arrays2.relativeError(builtinView, oursView)).as("state").isLessThanOrEqualTo(TOLERANCE);
    }
}
