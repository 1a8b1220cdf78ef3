package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.spec.Spec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The Tribuo objectives' translation of conventions, against a mocked {@link Loss} (independent of any
 * loss's numerics): Tribuo wants the <em>negative</em> gradient of one example's loss with respect to its
 * raw scores, and the value with the minimising sign; a loss on probabilities sees the scores through the
 * output activation. Each assertion names its convention; {@code ObjectiveParityTest} checks the same end
 * to end against Tribuo's own objectives.
 */
class UnigradObjectiveConventionsTest {
    /** The predictions and targets the mocked loss was given, per call (the probe at configuration first). */
    private final List<double[]> predictions = new ArrayList<>();
    private final List<double[]> targets = new ArrayList<>();
    private Loss loss;

    @BeforeEach
    void mockedLoss() {
        loss = mock(Loss.class);
        when(loss.spec()).thenReturn(Spec.of("mocked"));
        when(loss.isDifferentiable()).thenReturn(true);
        when(loss.targetCols(anyInt())).thenAnswer(call -> call.getArgument(0));
        // the mocked loss: value 2.5 per example, gradient entries 0, 1, 2, ...
        doAnswer(call -> {
            LossBatch b = call.getArgument(0);
            predictions.add(b.predictions().clone());
            targets.add(b.targets().clone());
            double[] values = call.getArgument(1);
            double[] gradient = call.getArgument(2);
            java.util.Arrays.fill(values, 2.5);
            for (int j = 0; gradient != null && j < gradient.length; j++) {
                gradient[j] = j;
            }
            return null;
        }).when(loss).evaluate(any(), any(), any());
    }

    @Test
    void tribuoGetsTheNegativeGradientAndTheMinimisedValue() {
        when(loss.inputForm()).thenReturn(InputForm.VALUES);
        UnigradRegressionObjective objective = new UnigradRegressionObjective(loss);
        Pair<Double, SGDVector> result = objective.lossAndGradient(DenseVector.createDenseVector(new double[]{1, 2, 3}),
                DenseVector.createDenseVector(new double[]{0.5, -1, 4}));
        assertThat(result.getA()).as("value: the loss to be minimised, as the loss gives it").isEqualTo(2.5);
        assertThat(result.getB().toArray()).as("sign: Tribuo ascends, so it gets -dL/dscores")
                .containsExactly(0.0, -1.0, -2.0);
        assertThat(Double.doubleToRawLongBits(result.getB().get(0))).as("a zero gradient stays +0.0, not -0.0")
                .isZero();
        assertThat(predictions.get(predictions.size() - 1)).as("a loss on values sees the raw scores")
                .containsExactly(0.5, -1, 4);
        assertThat(targets.get(targets.size() - 1)).as("regression targets pass through").containsExactly(1, 2, 3);
    }

    @Test
    void aLossOnProbabilitiesSeesTheSoftmaxOfTheScoresAndAOneHotLabel() {
        when(loss.inputForm()).thenReturn(InputForm.PROBABILITIES);
        UnigradLabelObjective objective = new UnigradLabelObjective(loss);
        double[] scores = {0.5, -1, 2};
        Pair<Double, SGDVector> result = objective.lossAndGradient(2, DenseVector.createDenseVector(scores.clone()));
        double z = Math.exp(0.5) + Math.exp(-1) + Math.exp(2);
        double[] p = predictions.get(predictions.size() - 1);
        for (int j = 0; j < 3; j++) {
            assertThat(p[j]).as("output activation: a loss on probabilities sees softmax(scores) of a label model")
                    .isCloseTo(Math.exp(scores[j]) / z, within(1e-15));
        }
        assertThat(targets.get(targets.size() - 1)).as("label: class index 2 as a one-hot target")
                .containsExactly(0, 0, 1);
        double dot = p[1] + 2 * p[2];
        for (int j = 0; j < 3; j++) {
            assertThat(result.getB().get(j)).as("sign and backprop: -(softmax Jacobian · dL/dp)")
                    .isCloseTo(-p[j] * (j - dot), within(1e-15));
        }
    }
}
