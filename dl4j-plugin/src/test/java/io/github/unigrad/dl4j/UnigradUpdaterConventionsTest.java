package io.github.unigrad.dl4j;

import io.github.unigrad.optim.GradientSummary;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Step;
import io.github.unigrad.spec.Spec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The DL4J updater's translation of conventions, against a mocked {@link Optimiser} (independent of any
 * rule's numerics): DL4J's iteration is the step index, DL4J's gradient (already averaged over the
 * minibatch by DL4J) goes in unscaled, the update comes back in place with the sign DL4J subtracts, and
 * state slab k is the k-th n-value run of DL4J's state view. Each assertion names its convention;
 * {@code UpdaterParityTest} checks the same end to end against DL4J's built-in updaters.
 */
class UnigradUpdaterConventionsTest {
    private static final int N = 5;
    private Optimiser rule;

    @BeforeEach
    void mockedRule() {
        rule = mock(Optimiser.class);
        when(rule.spec()).thenReturn(Spec.of("mocked"));
        when(rule.slabs()).thenReturn(2);
        when(rule.initialValue(0)).thenReturn(0.5);
        when(rule.initialValue(1)).thenReturn(-1.0);
        when(rule.begin(anyLong(), any())).thenAnswer(call -> new Step(call.getArgument(0), 0.1, call.getArgument(1), null));
        // the mocked rule: u ← 3u, slab k ← slab k + (k + 1)
        doAnswer(call -> {
            float[] u = call.getArgument(1);
            int o = call.getArgument(3);
            float[][] state = call.getArgument(4);
            int n = call.getArgument(5);
            for (int j = o; j < o + n; j++) {
                u[j] *= 3;
                state[0][j] += 1;
                state[1][j] += 2;
            }
            return null;
        }).when(rule).dense(any(Step.class), any(float[].class), any(), anyInt(), any(float[][].class), anyInt());
    }

    private GradientUpdater<?> updater(INDArray view) {
        return UnigradUpdater.of(rule).instantiate(view, true);
    }

    private static INDArray gradient() {
        return Nd4j.createFromArray(1f, -2f, 0.5f, 4f, -8f);
    }

    @Test
    void dl4jsIterationIsTheStepIndex() {
        GradientUpdater<?> updater = updater(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2L * N));
        updater.applyUpdater(gradient(), 7, 2);
        updater.applyUpdater(gradient(), 8, 2);
        ArgumentCaptor<Long> index = ArgumentCaptor.forClass(Long.class);
        verify(rule, org.mockito.Mockito.times(2)).begin(index.capture(), any());
        assertThat(index.getAllValues())
                .as("step counting: the step index is DL4J's 0-based iteration, not the epoch")
                .containsExactly(7L, 8L);
    }

    @Test
    void theGradientGoesInUnscaledAndTheUpdateComesBackInPlaceToBeSubtracted() {
        GradientUpdater<?> updater = updater(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2L * N));
        INDArray g = gradient();
        updater.applyUpdater(g, 0, 0);
        assertThat(g.toFloatVector())
                .as("gradient scale and sign: DL4J's gradient (already divided by the minibatch size) enters as is,"
                        + " and the update replaces it in place, with the sign DL4J subtracts")
                .containsExactly(3f, -6f, 1.5f, 12f, -24f);
    }

    @Test
    void stateSlabKIsTheKthRunOfTheViewInitialisedToItsStartValue() {
        INDArray view = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2L * N);
        GradientUpdater<?> updater = updater(view);
        assertThat(view.toFloatVector())
                .as("state layout and start: slab k is view[k·n, (k+1)·n), filled with initialValue(k)")
                .containsExactly(0.5f, 0.5f, 0.5f, 0.5f, 0.5f, -1f, -1f, -1f, -1f, -1f);
        updater.applyUpdater(gradient(), 0, 0);
        assertThat(view.toFloatVector()).as("state written back in place into DL4J's view")
                .containsExactly(1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1f, 1f, 1f, 1f, 1f);
    }

    @Test
    void theGlobalNormIsOfDl4jsGradient() {
        when(rule.needsGradientSummary()).thenReturn(true);
        GradientUpdater<?> updater = updater(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2L * N));
        updater.applyUpdater(gradient(), 0, 0);
        ArgumentCaptor<GradientSummary> summary = ArgumentCaptor.forClass(GradientSummary.class);
        verify(rule).begin(eq(0L), summary.capture());
        assertThat(summary.getValue().norm()).as("gradient summary: the norm of DL4J's gradient as given")
                .isCloseTo(Math.sqrt(1 + 4 + 0.25 + 16 + 64), within(1e-6));
    }

    @Test
    void theLearningRateDl4jReportsIsTheRulesAtTheIteration() {
        when(rule.spec()).thenReturn(Spec.of("mocked").with("lr", 0.1));
        when(rule.learningRate(11)).thenReturn(0.025);
        assertThat(UnigradUpdater.of(rule).getLearningRate(11, 3))
                .as("learning rate: DL4J's getLearningRate(iteration, epoch) is the schedule at the iteration")
                .isEqualTo(0.025);
    }
}
