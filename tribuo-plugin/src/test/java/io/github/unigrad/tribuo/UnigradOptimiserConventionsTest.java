package io.github.unigrad.tribuo;

import io.github.unigrad.optim.GradientSummary;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.SparseRows;
import io.github.unigrad.optim.Step;
import io.github.unigrad.spec.Spec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseSparseMatrix;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The Tribuo adapter's translation of conventions, against a mocked {@link Optimiser} (so independent of
 * any rule's numerics): Tribuo hands over the ascent direction of the weighted loss and adds what it gets
 * back, counts steps by calls, and evaluates where the rule says. Each assertion names the convention it
 * guards; {@code OptimiserParityTest} checks the same translation end to end against Tribuo's own optimisers.
 */
class UnigradOptimiserConventionsTest {
    private Optimiser rule;

    @BeforeEach
    void mockedRule() {
        rule = mock(Optimiser.class);
        when(rule.spec()).thenReturn(Spec.of("mocked"));
        when(rule.slabs()).thenReturn(1);
        when(rule.begin(anyLong(), any())).thenAnswer(call -> new Step(call.getArgument(0), 0.1, call.getArgument(1), null));
    }

    private static DenseMatrix gradient() {
        return DenseMatrix.createDenseMatrix(new double[][]{{1, -2, 3}, {0.5, 0, -4}});
    }

    @Test
    void theGradientEntersAsMinusWeightTimesTribuosAndTheUpdateReturnsNegated() {
        UnigradOptimiser adapter = new UnigradOptimiser(rule);
        adapter.initialise(new LinearParameters(3, 2));
        adapter.step(new Tensor[]{gradient()}, 0.25);
        ArgumentCaptor<Double> gradientScale = ArgumentCaptor.forClass(Double.class);
        ArgumentCaptor<Double> updateScale = ArgumentCaptor.forClass(Double.class);
        verify(rule).denseRows(any(), gradientScale.capture(), updateScale.capture(), any(), any(), any(), eq(3));
        assertThat(gradientScale.getValue())
                .as("sign and example weight: Tribuo's tensor is the ascent direction of the loss of an example of"
                        + " weight w, so the optimiser's gradient is -w times it")
                .isEqualTo(-0.25);
        assertThat(updateScale.getValue())
                .as("sign of the update: Unigrad's update is subtracted, Tribuo adds what step() returns")
                .isEqualTo(-1.0);
    }

    @Test
    void theUpdateIsWrittenIntoTribuosTensorInPlace() {
        doAnswer(call -> {
            double[][] u = call.getArgument(3);
            for (double[] row : u) {
                java.util.Arrays.fill(row, 7.0);
            }
            return null;
        }).when(rule).denseRows(any(), anyDouble(), anyDouble(), any(), any(), any(), anyInt());
        UnigradOptimiser adapter = new UnigradOptimiser(rule);
        adapter.initialise(new LinearParameters(3, 2));
        DenseMatrix g = gradient();
        Tensor[] returned = adapter.step(new Tensor[]{g}, 1.0);
        assertThat(returned[0]).as("step() returns Tribuo's own tensors, overwritten with the change").isSameAs(g);
        assertThat(g.get(1, 2)).as("the rule's rows are the tensor's live rows").isEqualTo(7.0);
    }

    @Test
    void stepsAreCountedFromZeroPerCallAndRestartAtInitialise() {
        UnigradOptimiser adapter = new UnigradOptimiser(rule);
        adapter.initialise(new LinearParameters(3, 2));
        for (int i = 0; i < 3; i++) {
            adapter.step(new Tensor[]{gradient()}, 1.0);
        }
        ArgumentCaptor<Long> index = ArgumentCaptor.forClass(Long.class);
        verify(rule, org.mockito.Mockito.times(3)).begin(index.capture(), any());
        assertThat(index.getAllValues()).as("step counting: the index is the number of step() calls before this one")
                .containsExactly(0L, 1L, 2L);
        assertThat(adapter.steps()).isEqualTo(3);
        adapter.initialise(new LinearParameters(3, 2));
        adapter.step(new Tensor[]{gradient()}, 1.0);
        verify(rule, org.mockito.Mockito.times(2)).begin(eq(0L), any());
    }

    @Test
    void theGlobalNormIsTheWeightedGradientsAndTheGradientIsScaledOnce() {
        when(rule.needsGradientSummary()).thenReturn(true);
        UnigradOptimiser adapter = new UnigradOptimiser(rule);
        adapter.initialise(new LinearParameters(3, 2));
        adapter.step(new Tensor[]{gradient()}, 0.5);
        ArgumentCaptor<GradientSummary> summary = ArgumentCaptor.forClass(GradientSummary.class);
        verify(rule).begin(eq(0L), summary.capture());
        double norm = 0.5 * Math.sqrt(1 + 4 + 9 + 0.25 + 16);
        assertThat(summary.getValue().norm())
                .as("gradient summary: the norm of the optimiser's gradient, -w times Tribuo's")
                .isCloseTo(norm, within(1e-15));
        ArgumentCaptor<Double> gradientScale = ArgumentCaptor.forClass(Double.class);
        ArgumentCaptor<double[][]> u = ArgumentCaptor.forClass(double[][].class);
        verify(rule).denseRows(any(), gradientScale.capture(), eq(-1.0), u.capture(), any(), any(), eq(3));
        assertThat(gradientScale.getValue())
                .as("gradient scale: the rows were already scaled by -w to sum the norm, so the step scales by 1")
                .isEqualTo(1.0);
        assertThat(u.getValue()[0]).containsExactly(-0.5, 1, -1.5);
    }

    @Test
    void theParametersArePassedOnlyToARuleThatReadsThem() {
        LinearParameters parameters = new LinearParameters(3, 2);
        UnigradOptimiser adapter = new UnigradOptimiser(rule);
        adapter.initialise(parameters);
        adapter.step(new Tensor[]{gradient()}, 1.0);
        verify(rule).denseRows(any(), anyDouble(), anyDouble(), any(), eq(null), any(), eq(3));

        Optimiser reading = mock(Optimiser.class);
        when(reading.spec()).thenReturn(Spec.of("reading"));
        when(reading.needsParameters()).thenReturn(true);
        when(reading.begin(anyLong(), any())).thenReturn(new Step(0, 0.1, null, null));
        UnigradOptimiser withParameters = new UnigradOptimiser(reading);
        withParameters.initialise(parameters);
        withParameters.step(new Tensor[]{gradient()}, 1.0);
        ArgumentCaptor<double[][]> p = ArgumentCaptor.forClass(double[][].class);
        verify(reading).denseRows(any(), anyDouble(), anyDouble(), any(), p.capture(), any(), eq(3));
        assertThat(p.getValue()[1]).as("parameters: the live rows of the tensor given to initialise()")
                .isSameAs(TribuoArrays.rows((DenseMatrix) parameters.get()[0])[1]);
    }

    @Test
    void aSparseGradientTakesTheSparseStepWithTheSameScales() {
        UnigradOptimiser adapter = new UnigradOptimiser(rule);
        adapter.initialise(new LinearParameters(5, 2));
        DenseSparseMatrix g = DenseSparseMatrix.createFromSparseVectors(new SparseVector[]{
                SparseVector.createSparseVector(5, new int[]{1, 4}, new double[]{2, -1}),
                SparseVector.createSparseVector(5, new int[0], new double[0])});
        adapter.step(new Tensor[]{g}, 2.0);
        ArgumentCaptor<SparseRows> rows = ArgumentCaptor.forClass(SparseRows.class);
        verify(rule).sparseRows(any(), eq(-2.0), eq(-1.0), rows.capture(), any(), any());
        assertThat(rows.getValue().count(0)).as("sparse: only the active entries are stepped").isEqualTo(2);
        assertThat(rows.getValue().indices(0)[1]).isEqualTo(4);
    }

    @Test
    void finaliseSubtractsTheRulesAdjustmentAfterTheStepsTaken() {
        when(rule.hasFinalAdjustment()).thenReturn(true);
        doAnswer(call -> {
            double[] u = call.getArgument(1);
            java.util.Arrays.fill(u, 0.5);
            return null;
        }).when(rule).finalAdjustment(anyLong(), any(double[].class), any(double[].class), anyInt(), any(double[][].class), anyInt());
        LinearParameters parameters = new LinearParameters(3, 2);
        UnigradOptimiser adapter = new UnigradOptimiser(rule);
        adapter.initialise(parameters);
        adapter.step(new Tensor[]{gradient()}, 1.0);
        adapter.step(new Tensor[]{gradient()}, 1.0);
        double before = ((DenseMatrix) parameters.get()[0]).get(1, 1);
        adapter.finalise();
        verify(rule, org.mockito.Mockito.times(2)).finalAdjustment(eq(2L), any(double[].class), any(double[].class), eq(0),
                any(double[][].class), eq(3));
        assertThat(((DenseMatrix) parameters.get()[0]).get(1, 1))
                .as("evaluation point: θ ← θ - finalAdjustment(steps), once per row")
                .isEqualTo(before - 0.5);
    }
}
