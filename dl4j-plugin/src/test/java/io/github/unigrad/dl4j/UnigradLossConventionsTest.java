package io.github.unigrad.dl4j;

import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.spec.Spec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The DL4J loss adapter's translation of conventions, against a mocked {@link Loss} (independent of any
 * loss's numerics): the score is the minibatch sum or its mean, the gradient is of the sum with the
 * positive sign, a whole-example mask becomes example weights and an output mask masks single outputs,
 * and the layer's activation is applied and backpropagated around the loss. Each assertion names its
 * convention; {@code LossParityTest} checks the same end to end against DL4J's built-in losses.
 */
class UnigradLossConventionsTest {
    /** What the mocked loss was given: predictions, example weights and output mask (copied, blocks are reused). */
    private final List<double[]> predictions = new ArrayList<>();
    private final List<double[]> weights = new ArrayList<>();
    private final List<double[]> masks = new ArrayList<>();
    private Loss loss;

    @BeforeEach
    void mockedLoss() {
        loss = mock(Loss.class);
        when(loss.spec()).thenReturn(Spec.of("mocked"));
        when(loss.inputForm()).thenReturn(InputForm.VALUES);
        when(loss.isDifferentiable()).thenReturn(true);
        when(loss.supportsOutputMask()).thenReturn(true);
        when(loss.targetCols(2)).thenReturn(2);
        // the mocked loss: example i of the batch has value i + 1 and gradient entries 10 (i + 1) + c
        doAnswer(call -> {
            LossBatch b = call.getArgument(0);
            double[] values = call.getArgument(1);
            double[] gradient = call.getArgument(2);
            predictions.add(b.predictions().clone());
            weights.add(b.exampleWeights() == null ? null : b.exampleWeights().clone());
            masks.add(b.outputMask() == null ? null : b.outputMask().clone());
            for (int i = 0; i < b.rows(); i++) {
                int row = b.firstRow() + i;
                values[i] = row + 1;
                for (int c = 0; gradient != null && c < b.cols(); c++) {
                    gradient[i * b.cols() + c] = 10 * (row + 1) + c;
                }
            }
            return null;
        }).when(loss).evaluate(any(), any(), any());
    }

    private static INDArray preOutput() {
        return Nd4j.createFromArray(new double[][]{{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}});
    }

    private static INDArray labels() {
        return Nd4j.zeros(3, 2).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }

    @Test
    void theScoreIsTheMinibatchSumOrItsMean() {
        UnigradLoss adapter = UnigradLoss.of(loss);
        assertThat(adapter.computeScore(labels(), preOutput(), new ActivationIdentity(), null, false))
                .as("sum vs mean: computeScore(average=false) is the sum of the per-example values").isEqualTo(6.0);
        assertThat(adapter.computeScore(labels(), preOutput(), new ActivationIdentity(), null, true))
                .as("sum vs mean: computeScore(average=true) divides the sum by the number of examples").isEqualTo(2.0);
        assertThat(adapter.computeScoreArray(labels(), preOutput(), new ActivationIdentity(), null).toDoubleVector())
                .as("per-example scores: computeScoreArray is the loss's value of each example")
                .containsExactly(1, 2, 3);
    }

    @Test
    void theGradientIsOfTheSumWithThePositiveSign() {
        INDArray g = UnigradLoss.of(loss).computeGradient(labels(), preOutput(), new ActivationIdentity(), null);
        assertThat(g.toDoubleMatrix())
                .as("gradient scale and sign: dL/dz of the sum over the minibatch (DL4J divides by its size"
                        + " later), the direction of ascent, as the loss gives it")
                .isEqualTo(new double[][]{{10, 11}, {20, 21}, {30, 31}});
        assertThat(predictions.get(0)).as("an identity activation passes preOutput to the loss as it is")
                .containsExactly(0.1, -0.2, 0.3, 0.4, -0.5, 0.6);
    }

    @Test
    void aWholeExampleMaskBecomesExampleWeights() {
        INDArray mask = Nd4j.createFromArray(new double[][]{{1}, {0}, {0.5}});
        UnigradLoss.of(loss).computeGradient(labels(), preOutput(), new ActivationIdentity(), mask);
        assertThat(weights.get(0)).as("example weights: a mask shaped [N, 1] weights whole examples")
                .containsExactly(1, 0, 0.5);
        assertThat(masks.get(0)).as("a [N, 1] mask is not an output mask").isNull();
    }

    @Test
    void anOutputMaskMasksSingleOutputsAndTheirGradient() {
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 0}, {1, 1}, {0, 1}});
        INDArray g = UnigradLoss.of(loss).computeGradient(labels(), preOutput(), new ActivationTanH(), mask);
        assertThat(masks.get(0)).as("output mask: a mask shaped like the predictions masks single outputs")
                .containsExactly(1, 0, 1, 1, 0, 1);
        assertThat(weights.get(0)).as("an output mask is not example weights").isNull();
        assertThat(g.getDouble(0, 1)).as("masked outputs get a zero gradient after the activation's backprop")
                .isZero();
        assertThat(g.getDouble(2, 0)).isZero();
    }

    @Test
    void anotherActivationIsAppliedBeforeTheLossAndBackpropagatedAfter() {
        INDArray z = preOutput();
        INDArray g = UnigradLoss.of(loss).computeGradient(labels(), z, new ActivationTanH(), null);
        double[] zs = {0.1, -0.2, 0.3, 0.4, -0.5, 0.6};
        double[] dLda = {10, 11, 20, 21, 30, 31};
        for (int k = 0; k < zs.length; k++) {
            double a = Math.tanh(zs[k]);
            assertThat(predictions.get(0)[k]).as("activation: the loss sees f(z) for a loss on values")
                    .isCloseTo(a, within(1e-12));
            assertThat(g.getDouble(k / 2, k % 2)).as("activation backprop: dL/dz = dL/da · f'(z)")
                    .isCloseTo(dLda[k] * (1 - a * a), within(1e-9));
        }
        assertThat(z.reshape(6).toDoubleVector()).as("preOutput itself is left alone").containsExactly(zs);
    }
}
