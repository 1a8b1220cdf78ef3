package io.github.unigrad.dl4j;

import io.github.unigrad.dl4j.Nets.Precision;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.Random;
import java.util.function.Function;

import static io.github.unigrad.dl4j.Nets.assertSame;
import static io.github.unigrad.dl4j.Nets.assertSameGradients;
import static io.github.unigrad.dl4j.Nets.base;
import static io.github.unigrad.dl4j.Nets.withData;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our loss inside every kind of DL4J output: a network built with it has the score and gradients of
 * the same network built with the built-in twin, in double and in float.
 */
class LayerIntegrationTest {

    private static MultiLayerConfiguration lossLayer(DataType type, ILossFunction loss) {
        return base(type).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new LossLayer.Builder().activation(Activation.SIGMOID).lossFunction(loss).build()).build();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void outputLayerAndLossLayer(Precision p) {
        Random r = new Random(1);
        INDArray x = Arrays2.gaussian(r, 6, 4, p.type);
        INDArray y = Arrays2.gaussian(r, 6, 3, p.type);
        Function<ILossFunction, MultiLayerConfiguration> output = loss -> base(p.type).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nIn(5).nOut(3).activation(Activation.TANH).lossFunction(loss).build()).build();
        DataSet plain = new DataSet(x, y);
        assertSame(withData(output.apply(new LossMSE()), plain), withData(output.apply(new UnigradLoss("mse")), plain), plain, p);
        DataSet masked = new DataSet(x, y, null, Arrays2.mask(r, 6, 3).castTo(p.type));
        assertSame(withData(lossLayer(p.type, new LossL2()), masked), withData(lossLayer(p.type, new UnigradLoss("l2")), masked),
                masked, p);
    }

    /**
     * DL4J defect (1.0.0-M2.1): a built-in loss back-propagates through the activation in place, over
     * its {@code preOutput} argument, and {@code LossLayer} passes its input as that argument, then
     * scores it after the gradient: {@code computeGradientAndScore} reports the score of a corrupted
     * input (here 7.24 instead of 6.12). Our loss leaves its inputs alone, so its score is right.
     */
    @Test
    void builtInLossLayerScoresTheInputItsGradientOverwrote() {
        Random r = new Random(1);
        DataSet data = new DataSet(Arrays2.gaussian(r, 6, 4, DataType.DOUBLE), Arrays2.gaussian(r, 6, 3, DataType.DOUBLE));
        MultiLayerNetwork builtin = withData(lossLayer(DataType.DOUBLE, new LossL2()), data);
        MultiLayerNetwork ours = withData(lossLayer(DataType.DOUBLE, new UnigradLoss("l2")), data);
        builtin.computeGradientAndScore();
        ours.computeGradientAndScore();
        double right = builtin.score(data, false);
        assertThat(Arrays2.relativeError(right, builtin.score())).isGreaterThan(0.1);
        assertThat(Arrays2.relativeError(right, ours.score())).isLessThanOrEqualTo(1e-12);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void rnnOutputLayerWithTimeStepMasks(Precision p) {
        int n = 3;
        int steps = 5;
        INDArray x = Nd4j.rand(p.type, n, 4, steps).subi(0.5);
        INDArray y = Nd4j.rand(p.type, n, 2, steps);
        INDArray mask = Nd4j.ones(p.type, n, steps);
        mask.putScalar(0, 4, 0);
        mask.putScalar(0, 3, 0);
        mask.putScalar(2, 4, 0);
        Function<ILossFunction, MultiLayerConfiguration> conf = loss -> base(p.type).list()
                .layer(new SimpleRnn.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SIGMOID).lossFunction(loss).build()).build();
        DataSet data = new DataSet(x, y, null, mask);
        MultiLayerNetwork builtin = withData(conf.apply(new LossMSE()), data);
        MultiLayerNetwork ours = withData(conf.apply(new UnigradLoss("mse")), data);
        assertSame(builtin, ours, data, p);
        assertThat(Arrays2.relativeError(builtin.scoreExamples(data, false), ours.scoreExamples(data, false)))
                .isLessThanOrEqualTo(p.tolerance);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void computationGraphOutputs(Precision p) {
        Random r = new Random(3);
        Function<Boolean, ComputationGraph> graph = unigrad -> {
            ComputationGraphConfiguration conf = base(p.type).graphBuilder().addInputs("in")
                    .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build(), "in")
                    .addLayer("a", new OutputLayer.Builder().nIn(5).nOut(3).activation(Activation.IDENTITY)
                            .lossFunction(unigrad ? new UnigradLoss("mse") : new LossMSE()).build(), "hidden")
                    .addLayer("b", new OutputLayer.Builder().nIn(5).nOut(2).activation(Activation.TANH)
                            .lossFunction(unigrad ? new UnigradLoss("l2") : new LossL2()).build(), "hidden")
                    .setOutputs("a", "b").build();
            ComputationGraph g = new ComputationGraph(conf);
            g.init();
            return g;
        };
        MultiDataSet data = new MultiDataSet(new INDArray[]{Arrays2.gaussian(r, 6, 4, p.type)},
                new INDArray[]{Arrays2.gaussian(r, 6, 3, p.type), Arrays2.gaussian(r, 6, 2, p.type)});
        ComputationGraph builtin = graph.apply(false);
        ComputationGraph ours = graph.apply(true);
        for (ComputationGraph g : new ComputationGraph[]{builtin, ours}) {
            g.setInputs(data.getFeatures());
            g.setLabels(data.getLabels());
            g.computeGradientAndScore();
        }
        assertThat(Arrays2.relativeError(builtin.score(), ours.score())).isLessThanOrEqualTo(p.tolerance);
        assertSameGradients(builtin.gradient(), ours.gradient(), p);
        ours.fit(data);
    }
}
