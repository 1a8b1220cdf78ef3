package io.github.unigrad.dl4j;

import io.github.unigrad.loss.Losses;
import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ILossFunction contract: construction, arrays of every layout and type, masks, errors. */
class UnigradLossTest {

    @BeforeAll
    static void doubles() {
        Arrays2.useDoubles();
    }

    @Test
    void typedAndSpecConstructionAgreeAndPrintTheCanonicalSpec() {
        assertThat(UnigradLoss.of(Losses.mse())).isEqualTo(new UnigradLoss("mse()")).hasSameHashCodeAs(new UnigradLoss("mse"));
        assertThat(new UnigradLoss("mse").getSpec()).isEqualTo(Losses.mse().spec().toString());
        assertThat(new UnigradLoss("l2").name()).isEqualTo("UnigradLoss(" + Losses.l2().spec() + ")");
        assertThat(new UnigradLoss("l2").loss()).isEqualTo(Losses.l2());
    }

    @Test
    void badSpecsFailAtConstructionWithTheCataloguesMessage() {
        assertThatThrownBy(() -> new UnigradLoss("msee")).hasMessageContaining("unknown loss 'msee'; valid names: ")
                .hasMessageContaining("mse");
        assertThatThrownBy(() -> new UnigradLoss("mse(weights=[-1])")).hasMessageContaining("weights");
        assertThatThrownBy(() -> new UnigradLoss(null)).hasMessageContaining("needs a loss spec");
    }

    @Test
    void javaSerialisationKeepsTheLoss() {
        UnigradLoss loss = new UnigradLoss("mse(weights=[1, 2])");
        UnigradLoss back = SerializationUtils.roundtrip(loss);
        assertThat(back).isEqualTo(loss);
        assertThat(back.loss()).isEqualTo(loss.loss());
    }

    @Test
    void floatArraysViewsAndColumnMajorArraysGiveTheSameAnswer() {
        Random r = new Random(3);
        INDArray big = Arrays2.gaussian(r, 8, 6, DataType.DOUBLE);
        INDArray z = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 6), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4));
        assertThat(NdArrays.isRowMajorContiguous(z)).isFalse();
        INDArray y = Arrays2.gaussian(r, 4, 3, DataType.DOUBLE);
        UnigradLoss loss = new UnigradLoss("mse");
        ActivationTanH tanh = new ActivationTanH();
        double expected = new LossMSE().computeScore(y, z.dup(), tanh, null, true);
        INDArray expectedGradient = new LossMSE().computeGradient(y, z.dup(), tanh, null);
        assertThat(loss.computeScore(y, z, tanh, null, true)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(Arrays2.relativeError(expectedGradient, loss.computeGradient(y, z, tanh, null))).isLessThan(1e-14);
        assertThat(Arrays2.relativeError(expectedGradient, loss.computeGradient(y.dup('f'), z.dup('f'), tanh, null))).isLessThan(1e-14);
        INDArray zf = z.castTo(DataType.FLOAT);
        INDArray g = loss.computeGradient(y.castTo(DataType.FLOAT), zf, tanh, null);
        assertThat(g.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Arrays2.relativeError(expectedGradient, g)).isLessThan(1e-6);
        assertThat(loss.computeScoreArray(y, zf, tanh, null).dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void theInputsAreLeftAlone() {
        Random r = new Random(4);
        INDArray z = Arrays2.gaussian(r, 3, 2, DataType.DOUBLE);
        INDArray y = Arrays2.gaussian(r, 3, 2, DataType.DOUBLE);
        INDArray z0 = z.dup();
        INDArray y0 = y.dup();
        new UnigradLoss("l2").computeGradientAndScore(y, z, new ActivationTanH(), null, false);
        assertThat(z).isEqualTo(z0);
        assertThat(y).isEqualTo(y0);
    }

    @Test
    void masksOfAnotherShapeAndLabelsOfAnotherSizeAreRefusedWithTheShapes() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        ILossFunction loss = new UnigradLoss("mse");
        assertThatThrownBy(() -> loss.computeScore(y, z, new ActivationIdentity(), Nd4j.ones(DataType.DOUBLE, 3, 3), false))
                .hasMessageContaining("mask [3, 3] fits neither whole examples [3, 1] nor single outputs [3, 2]");
        assertThatThrownBy(() -> loss.computeScore(Nd4j.zeros(DataType.DOUBLE, 3, 4), z, new ActivationIdentity(), null, false))
                .hasMessageContaining("takes 2 target columns").hasMessageContaining("labels [3, 4], preOutput [3, 2]");
        assertThatThrownBy(() -> loss.computeScore(Nd4j.zeros(DataType.DOUBLE, 2, 2), z, new ActivationIdentity(), null, false))
                .hasMessageContaining("different numbers of examples");
        assertThatThrownBy(() -> loss.computeScore(Nd4j.zeros(DataType.DOUBLE, 3, 2, 4), Nd4j.zeros(DataType.DOUBLE, 3, 2, 4),
                new ActivationIdentity(), null, false)).hasMessageContaining("takes 2-D labels and predictions");
    }

    @Test
    void labelsOutsideTheLossDomainFailWithTheValueAndTheShapes() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        INDArray classIndices = Nd4j.create(new double[][]{{1}, {5}});
        assertThatThrownBy(() -> new UnigradLoss("softmax_cross_entropy").computeGradient(classIndices, z,
                new org.nd4j.linalg.activations.impl.ActivationSoftmax(), null))
                .hasMessageContaining("example 1").hasMessageContaining("5")
                .hasMessageContaining("labels [2, 1], preOutput [2, 3]");
        assertThatThrownBy(() -> new UnigradLoss("hinge").computeScore(Nd4j.create(new double[][]{{1, 0.5, -1}, {1, 1, 1}}), z,
                new ActivationIdentity(), null, false)).hasMessageContaining("0.5").hasMessageContaining("labels [2, 3]");
    }

    @Test
    void aRowVectorMaskWeighsExamples() {
        INDArray z = Nd4j.create(new double[][]{{1, 2}, {3, 4}});
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        ILossFunction loss = new UnigradLoss("l2");
        assertThat(loss.computeScore(y, z, new ActivationIdentity(), Nd4j.create(new double[]{0, 1}), false)).isEqualTo(25.0);
        assertThat(loss.computeScore(y, z, new ActivationIdentity(), Nd4j.create(new double[]{1, 0}, 2, 1), true)).isEqualTo(2.5);
    }

    @Test
    void theLossIsWrittenAsItsSpecInJson() throws Exception {
        String json = NeuralNetConfiguration.mapper().writeValueAsString(new UnigradLoss("mse(weights=[1, 2])"));
        assertThat(json).contains("\"@class\"").contains("\"spec\"").doesNotContain("loss\"");
        assertThat(NeuralNetConfiguration.mapper().readValue(json, ILossFunction.class)).isEqualTo(new UnigradLoss("mse(weights=[1, 2])"));
    }
}
