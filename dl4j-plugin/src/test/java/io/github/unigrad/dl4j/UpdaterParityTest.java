package io.github.unigrad.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

/**
 * Our updater, configured to DL4J's conventions, against every DL4J built-in updater: the same
 * parameters after 20 {@code fit} calls of a small double network (relative 1e-9) and the same
 * updater state.
 */
class UpdaterParityTest {
    private static final double TOLERANCE = 1e-9;

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
                new Twin(new Nesterovs(0.05, 0.9), "nesterov(lr=0.05, momentum=0.9, dl4j=true)"),
                new Twin(new AdaGrad(0.05, 1e-6), "adagrad(lr=0.05, eps=1e-06, initialAccumulator=1e-06)"),
                new Twin(new RmsProp(0.01, 0.95, 1e-8), "rmsprop(lr=0.01, alpha=0.95, eps=1e-08, dl4j=true)"),
                new Twin(new Adam(0.01), "adam(lr=0.01, epsilonHat=true)"),
                new Twin(new AdaMax(0.01), "adamax(lr=0.01, dl4j=true)"),
                new Twin(new Nadam(0.01), "nadam(lr=0.01, dl4j=true)"),
                new Twin(new AMSGrad(0.01), "amsgrad(lr=0.01, epsilonHat=true)"),
                new Twin(new AdaDelta(), "adadelta(lr=1, rho=0.95, eps=1e-06)"),
                new Twin(new AdaBelief(0.01), "adabelief(lr=0.01, eps=1e-14, epsilonHat=true)"));
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
}
