package io.github.unigrad.dl4j;

import io.github.unigrad.optim.Optimisers;
import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.util.NetworkUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IUpdater contract: equality, cloning, state size, learning rates and schedules, bad specs. */
class UnigradUpdaterTest {

    @BeforeAll
    static void doubles() {
        Arrays2.useDoubles();
    }

    @Test
    void equalityIsByCanonicalSpecAndSchedule() {
        UnigradUpdater a = new UnigradUpdater("adam");
        assertThat(a).isEqualTo(new UnigradUpdater("adam(lr=0.001, b1=0.9)")).hasSameHashCodeAs(new UnigradUpdater("adam(b2=0.999)"))
                .isEqualTo(UnigradUpdater.of(Optimisers.adam(1e-3)))
                .isNotEqualTo(new UnigradUpdater("adam(lr=0.01)"))
                .isNotEqualTo(new UnigradUpdater("adam", new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 10)));
        assertThat(a.getSpec()).isEqualTo(Optimisers.adam(1e-3).spec().toString());
        IUpdater clone = a.clone();
        assertThat(clone).isEqualTo(a).isNotSameAs(a);
        assertThat(a.stateSize(10)).isEqualTo(20);
        assertThat(a.getLearningRate(7, 0)).isEqualTo(1e-3);
        assertThat(a.hasLearningRate()).isTrue();
    }

    @Test
    void javaSerialisationKeepsTheSpecAndSchedule() {
        UnigradUpdater a = new UnigradUpdater("adam(lr=0.01)", new ExponentialSchedule(ScheduleType.EPOCH, 0.1, 0.5));
        UnigradUpdater back = SerializationUtils.roundtrip(a);
        assertThat(back).isEqualTo(a);
        assertThat(back.stateSize(3)).isEqualTo(6);
        assertThat(back.getLearningRate(0, 2)).isEqualTo(0.025);
    }

    @Test
    void layersConfiguredAlikeShareOneUpdaterBlock() {
        MultiLayerNetwork net = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new UnigradUpdater("adam(lr=0.01)")));
        assertThat(((MultiLayerUpdater) net.getUpdater()).getUpdaterBlocks()).hasSize(1);
        assertThat(net.getUpdater().getStateViewArray().length()).isEqualTo(2 * net.numParams());
    }

    @Test
    void badSpecsFailWithTheCataloguesMessage() {
        assertThatThrownBy(() -> new UnigradUpdater("nope")).hasMessageContaining("unknown optimiser 'nope'; valid names: ");
        assertThatThrownBy(() -> new UnigradUpdater("adam(lr=-1)")).hasMessageContaining("lr");
        assertThatThrownBy(() -> new UnigradUpdater(" ")).hasMessageContaining("needs an optimiser spec");
    }

    @Test
    void stateLivesInTheViewAndStartsFromTheOptimisersInitialValues() {
        INDArray view = Nd4j.valueArrayOf(new long[]{1, 8}, 7.0);
        GradientUpdater<?> u = new UnigradUpdater("adam(lr=0.1)").instantiate(view, true);
        assertThat(view.sumNumber().doubleValue()).isZero();
        Map<String, INDArray> state = u.getState();
        assertThat(state).containsOnlyKeys("slab0", "slab1");
        INDArray g = Nd4j.create(new double[]{1, -2, 3, -4});
        u.applyUpdater(g, 0, 0);
        INDArray m = view.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 4));
        assertThat(m.sub(Nd4j.create(new double[]{0.1, -0.2, 0.3, -0.4})).amaxNumber().doubleValue()).isLessThan(1e-15);
        // the first Adam step is lr * sign(g) up to eps
        assertThat(g.sub(Nd4j.create(new double[]{0.1, -0.1, 0.1, -0.1})).amaxNumber().doubleValue()).isLessThan(1e-8);
        GradientUpdater<?> fromMap = new UnigradUpdater("adam(lr=0.1)").instantiate(state, false);
        assertThat(fromMap.getState()).isEqualTo(state);
    }

    @Test
    void aWrappedIntIterationIsRefusedRatherThanSteppedWithAWrongIndex() {
        INDArray view = Nd4j.zeros(1, 8);
        GradientUpdater<?> u = new UnigradUpdater("adam(lr=0.1)").instantiate(view, true);
        INDArray g = Nd4j.create(new double[]{1, -2, 3, -4});
        int wrapped = Integer.MIN_VALUE; // what DL4J's int counter holds after 2147483647 iterations
        assertThatThrownBy(() -> u.applyUpdater(g, wrapped, 0)).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DL4J iteration -2147483648 is negative: DL4J counts iterations in an int,"
                        + " which wraps after 2147483647 steps");
        assertThat(view.sumNumber().doubleValue()).as("nothing stepped").isZero();
        assertThat(g).isEqualTo(Nd4j.create(new double[]{1, -2, 3, -4}));
        assertThatThrownBy(() -> new UnigradUpdater("adam(lr=cosine(0.1, steps=100))").getLearningRate(-5, 0))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessageStartingWith("DL4J iteration -5 is negative");
        // the last iteration DL4J can count still steps, with Adam's bias corrections at t = 2^31
        u.applyUpdater(g, Integer.MAX_VALUE, 0);
        // m = 0.1 g, v = 0.001 g², no bias correction left: u = lr · 0.1 g / √(0.001 g²) = 0.316… · sign(g), up to ε
        assertThat(g.sub(Nd4j.create(new double[]{1, -1, 1, -1}).mul(0.1 * 0.1 / Math.sqrt(0.001)))
                .amaxNumber().doubleValue()).isLessThan(1e-6);
    }

    @Test
    void aSpecNestedTooDeeplyIsASpecException() {
        assertThatThrownBy(() -> new UnigradUpdater("skip_nonfinite(inner=".repeat(10_000) + "adam" + ")".repeat(10_000)))
                .isExactlyInstanceOf(io.github.unigrad.spec.SpecException.class)
                .hasMessageStartingWith("nesting deeper than 64 levels");
        assertThatThrownBy(() -> new UnigradLoss("multitask(losses=[".repeat(10_000) + "mse" + "], columns=[1])".repeat(10_000)))
                .isExactlyInstanceOf(io.github.unigrad.spec.SpecException.class)
                .hasMessageStartingWith("nesting deeper than 64 levels");
    }

    @Test
    void aDl4jScheduleThatStopsBeingFiniteIsRefusedAtThatIteration() {
        UnigradUpdater updater = new UnigradUpdater("sgd(lr=0.1)", new ExponentialSchedule(ScheduleType.ITERATION, 1, 10));
        assertThat(updater.getLearningRate(308, 0)).isFinite();
        assertThatThrownBy(() -> updater.getLearningRate(309, 0)).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gives Infinity at iteration 309, epoch 0; a rate must be finite and ≥ 0");
    }

    @Test
    void networkUtilsSetLearningRateRewritesTheSpecAndTrainsAsTheBuiltInDoes() {
        check(net -> NetworkUtils.setLearningRate(net, 0.002));
        MultiLayerNetwork ours = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new UnigradUpdater("adam(lr=0.01, epsilonHat=true)")));
        NetworkUtils.setLearningRate(ours, 0.002);
        UnigradUpdater u = (UnigradUpdater) ((org.deeplearning4j.nn.conf.layers.BaseLayer) ours.getLayer(0).conf().getLayer()).getIUpdater();
        assertThat(u.getSpec()).contains("lr=0.002");
        assertThat(NetworkUtils.getLearningRate(ours, 1)).isEqualTo(0.002);
    }

    @Test
    void aDl4jScheduleReplacesTheSpecsLearningRate() {
        ISchedule schedule = new ExponentialSchedule(ScheduleType.ITERATION, 0.02, 0.7);
        check(net -> NetworkUtils.setLearningRate(net, schedule));
        UnigradUpdater u = new UnigradUpdater("adam");
        u.setLrAndSchedule(Double.NaN, schedule);
        assertThat(u.getLearningRate(2, 0)).isCloseTo(0.0098, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(u.getLearningRateSchedule()).isEqualTo(schedule);
    }

    /** Ours and DL4J's Adam, trained 3 steps, changed by {@code change}, trained 3 more: same parameters. */
    private static void check(java.util.function.Consumer<MultiLayerNetwork> change) {
        MultiLayerNetwork builtin = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new Adam(0.01)));
        MultiLayerNetwork ours = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new UnigradUpdater("adam(lr=0.01, epsilonHat=true)")));
        for (MultiLayerNetwork net : new MultiLayerNetwork[]{builtin, ours}) {
            Nets.fit(net, 0, 3);
            change.accept(net);
            Nets.fit(net, 3, 3);
        }
        assertThat(Arrays2.relativeError(builtin.params(), ours.params())).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void aDl4jScheduleIsRefusedWhereTheStepHoldsMoreThanTheRate() {
        ISchedule schedule = new ExponentialSchedule(ScheduleType.ITERATION, 0.02, 0.7);
        assertThatThrownBy(() -> new UnigradUpdater("lookahead(inner=adam)").setLrAndSchedule(Double.NaN, schedule))
                .hasMessageContaining("cannot replace its rate").hasMessageContaining("lr=cosine(");
        assertThatThrownBy(() -> new UnigradUpdater("schedule_free_sgd", schedule)).hasMessageContaining("cannot replace its rate");
        UnigradUpdater wrapped = new UnigradUpdater("lookahead(inner=adam(lr=0.01))");
        wrapped.setLrAndSchedule(0.5, null);
        assertThat(wrapped.getSpec()).contains("lr=0.5");
    }

    @Test
    void aScheduleNeedsALearningRateAndAFixedRateReplacesAScheduleSpec() {
        UnigradUpdater u = new UnigradUpdater("adam", new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 2));
        u.setLrAndSchedule(0.3, null);
        assertThat(u).isEqualTo(new UnigradUpdater("adam(lr=0.3)"));
        assertThat(u.getLearningRateSchedule()).isNull();
    }

    @Test
    void differentUpdatersPerLayerMakeSeparateBlocks() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).updater(new UnigradUpdater("adam(lr=0.1)")).build())
                .layer(new OutputLayer.Builder().nIn(5).nOut(3).activation(Activation.SOFTMAX).lossFunction(new LossMCXENT())
                        .updater(new UnigradUpdater("adam(lr=0.2)")).build())
                .build();
        assertThat(((MultiLayerUpdater) Nets.init(conf).getUpdater()).getUpdaterBlocks()).hasSize(2);
    }
}
