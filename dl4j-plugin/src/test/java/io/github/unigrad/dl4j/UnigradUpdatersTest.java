package io.github.unigrad.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weight decay split off onto DL4J's regularisation, in one call, and refused when it cannot be. */
class UnigradUpdatersTest {

    @BeforeAll
    static void doubles() {
        Arrays2.useDoubles();
    }

    /** The built-in reference: DL4J's Adam with WeightDecay set on each layer (network-wide, DL4J applies it twice). */
    private static MultiLayerConfiguration adamWithDecayPerLayer(double decay) {
        MultiLayerConfiguration conf = Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new Adam(0.01));
        for (NeuralNetConfiguration c : conf.getConfs()) {
            BaseLayer layer = (BaseLayer) c.getLayer();
            layer.setRegularization(List.of(new WeightDecay(decay, true)));
            layer.setRegularizationBias(List.of(new WeightDecay(decay, true)));
        }
        return conf;
    }

    @Test
    void adamwIsDl4jAdamPlusDecoupledWeightDecayOnWeightsAndBiases() {
        MultiLayerNetwork builtin = Nets.init(adamWithDecayPerLayer(0.1));
        MultiLayerConfiguration conf = UnigradUpdaters.configure(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new Sgd(0.5)),
                "adamw(lr=0.01, weightDecay=0.1, epsilonHat=true)");
        BaseLayer layer = (BaseLayer) conf.getConf(0).getLayer();
        assertThat(layer.getRegularization()).containsExactly(new WeightDecay(0.1, true));
        assertThat(layer.getRegularizationBias()).containsExactly(new WeightDecay(0.1, true));
        assertThat(((UnigradUpdater) layer.getIUpdater()).optimiser().needsParameters()).isFalse();
        MultiLayerNetwork ours = Nets.init(MultiLayerConfiguration.fromJson(conf.toJson()));
        trainAndCompare(builtin, ours);
    }

    /**
     * DL4J defect (1.0.0-M2.1): a network-wide {@code weightDecay} lands twice in every layer
     * ({@code copyConfigToLayer}, then {@code LayerValidation.configureBaseLayer}, which de-duplicates
     * L1 and L2 only), so it decays twice as fast as the same decay set per layer. Hence the helper
     * refuses decoupled decay on the network-wide builder.
     */
    @Test
    void networkWideWeightDecayIsAppliedTwiceByDl4j() {
        MultiLayerNetwork global = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(),
                b -> b.updater(new Adam(0.01)).weightDecay(0.1, true).weightDecayBias(0.1, true)));
        assertThat(((BaseLayer) global.getLayer(0).conf().getLayer()).getRegularization()).hasSize(2);
        trainAndCompare(Nets.init(adamWithDecayPerLayer(0.2)), global);
        assertThatThrownBy(() -> UnigradUpdaters.configure(new NeuralNetConfiguration.Builder(), "adamw(lr=0.01)"))
                .hasMessageContaining("would apply twice").hasMessageContaining("on the built configuration");
    }

    @Test
    void sgdWeightDecayWithMomentumIsL2AddedToTheGradient() {
        assertThat(UnigradUpdaters.plan("sgd(lr=0.1, momentum=0.9, weightDecay=0.05)").decay())
                .satisfies(d -> assertThat(d.decoupled()).isFalse()).satisfies(d -> assertThat(d.coefficient()).isEqualTo(0.05));
        MultiLayerNetwork ours = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(),
                b -> UnigradUpdaters.configure(b, "sgd(lr=0.1, momentum=0.9, weightDecay=0.05)")));
        assertThat(((BaseLayer) ours.getLayer(1).conf().getLayer()).getRegularization()).containsExactly(new L2Regularization(0.05));
        MultiLayerNetwork reference = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(),
                b -> b.updater(new UnigradUpdater("sgd(lr=0.1, momentum=0.9)")).l2(0.05).l2Bias(0.05)));
        trainAndCompare(reference, ours);
    }

    /** PyTorch's coupled Adam weight decay is DL4J's Adam with L2 (both: g + λθ before the rule). */
    @Test
    void adamsCoupledWeightDecayIsDl4jAdamWithL2() {
        assertThat(UnigradUpdaters.plan("adam(lr=0.01, weightDecay=0.05)").decay())
                .satisfies(d -> assertThat(d.decoupled()).isFalse()).satisfies(d -> assertThat(d.coefficient()).isEqualTo(0.05));
        MultiLayerNetwork builtin = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), b -> b.updater(new Adam(0.01)).l2(0.05).l2Bias(0.05)));
        MultiLayerNetwork ours = Nets.init(UnigradUpdaters.configure(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new Sgd(0.5)),
                "adam(lr=0.01, weightDecay=0.05, epsilonHat=true)"));
        assertThat(((BaseLayer) ours.getLayer(0).conf().getLayer()).getRegularization()).containsExactly(new L2Regularization(0.05));
        trainAndCompare(builtin, ours);
        assertThatThrownBy(() -> new UnigradUpdater("adam(lr=0.01, weightDecay=0.05)"))
                .hasMessageContaining("L2Regularization(coeff)").hasMessageContaining("UnigradUpdaters.configure");
    }

    @Test
    void plainSgdWeightDecayMatchesDl4jSgdWithL2() {
        MultiLayerNetwork builtin = Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), b -> b.updater(new Sgd(0.1)).l2(0.05).l2Bias(0.05)));
        MultiLayerNetwork ours = Nets.init(UnigradUpdaters.configure(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new Sgd(0.5)),
                "sgd(lr=0.1, weightDecay=0.05)"));
        trainAndCompare(builtin, ours);
    }

    @Test
    void oneLayerCanBeConfiguredAlone() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).list()
                .layer(UnigradUpdaters.configure(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH),
                        "lion(lr=1e-4, weightDecay=0.5)").build())
                .layer(new OutputLayer.Builder().nIn(5).nOut(3).activation(Activation.SOFTMAX).lossFunction(new LossMCXENT()).build())
                .build();
        BaseLayer dense = (BaseLayer) conf.getConf(0).getLayer();
        assertThat(dense.getRegularization()).containsExactly(new WeightDecay(0.5, true));
        assertThat(dense.getIUpdater()).isInstanceOf(UnigradUpdater.class);
        assertThat(((BaseLayer) conf.getConf(1).getLayer()).getIUpdater()).isEqualTo(new Sgd(0.1));
        Nets.fit(Nets.init(conf), 0, 2);
    }

    @Test
    void computationGraphLayersGetTheUpdaterAndTheDecay() {
        ComputationGraphConfiguration conf = UnigradUpdaters.configure(
                Nets.init(Nets.mlp(DataType.DOUBLE, new LossMCXENT(), new Sgd(0.5))).toComputationGraph().getConfiguration(),
                "lion(lr=1e-3, weightDecay=0.2)");
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        int layers = 0;
        for (GraphVertex v : back.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                assertThat(layer.getIUpdater()).isEqualTo(UnigradUpdaters.plan("lion(lr=1e-3, weightDecay=0.2)").updater());
                assertThat(layer.getRegularization()).containsExactly(new WeightDecay(0.2, true));
                assertThat(layer.getRegularizationBias()).containsExactly(new WeightDecay(0.2, true));
                layers++;
            }
        }
        assertThat(layers).isEqualTo(2);
        ComputationGraph graph = new ComputationGraph(back);
        graph.init();
        graph.fit(Nets.batch(0, 6, DataType.DOUBLE));
    }

    @Test
    void theUpdaterAloneRefusesAnOptimiserThatReadsTheParameters() {
        assertThatThrownBy(() -> new UnigradUpdater("adamw(lr=0.01)"))
                .hasMessageContaining("reads the parameters (weight decay)")
                .hasMessageContaining("WeightDecay(coeff, applyLR=true) when decoupled")
                .hasMessageContaining("UnigradUpdaters.configure(builder, \"adamw(");
    }

    @Test
    void anOptimiserNeedingTheParametersBeyondOneDecayTermIsRefused() {
        assertThatThrownBy(() -> UnigradUpdaters.plan("lookahead(inner=adamw)"))
                .hasMessageContaining("reads the parameters beyond a weight-decay term")
                .hasMessageContaining("cannot run in DL4J");
    }

    /** FTRL and the L1 penalties read the parameters, which no DL4J regularisation can stand in for. */
    @Test
    void ftrlAndTheL1PenaltiesAreRefusedSayingWhy() {
        for (String spec : new String[] {"ftrl(lr=0.1, l1=1)",
                "chain(transforms=[scale_by_adagrad(), scale_by_lr, prox_l1(0.01)], lr=0.1)",
                "chain(transforms=[add_l1(0.01), scale_by_lr], lr=0.1)"}) {
            String name = spec.substring(0, spec.indexOf('('));
            assertThatThrownBy(() -> UnigradUpdaters.plan(spec)).hasMessageContaining(name + "(")
                    .hasMessageContaining("a DL4J updater never sees them").hasMessageContaining("cannot run in DL4J");
            assertThatThrownBy(() -> new UnigradUpdater(spec)).hasMessageContaining(name + "(")
                    .hasMessageContaining("a DL4J updater never sees them").hasMessageContaining("cannot run in DL4J");
        }
    }

    private static void trainAndCompare(MultiLayerNetwork builtin, MultiLayerNetwork ours) {
        INDArray start = builtin.params().dup();
        assertThat(ours.params()).isEqualTo(start);
        Nets.fit(builtin, 0, 20);
        Nets.fit(ours, 0, 20);
        assertThat(Arrays2.relativeError(builtin.params().sub(start), ours.params().sub(start))).isLessThanOrEqualTo(1e-9);
    }
}
