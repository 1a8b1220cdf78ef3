package io.github.unigrad.loss;

import io.github.unigrad.spec.SpecException;
import io.github.unigrad.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MultitaskTest {
    /** A regression head (1 column), a 3-class head given class indices, and a 2-label head. */
    private static final String SPEC = "multitask(losses=[mse, softmax_cross_entropy(labelSmoothing=0.1), binary_cross_entropy],"
            + " columns=[1, 3, 2], targetColumns=[1, 1, 2], weights=[2, 0.5, 1])";

    @Test
    void sumsTheWeightedTasksOverTheirOwnColumns() {
        Loss loss = Losses.parse(SPEC);
        // example: predictions [3 | 0, 0, ln 2 | 0, 0], targets [1 | class 2 | 1, 0]
        // mse: (3 - 1)² = 4, ∂ = 4; CE with smoothing 0.1 over p = [¼, ¼, ½]: q = [1/30, 1/30, 28/30],
        // ∂ = p - q; BCE at 0: 2 ln 2, ∂ = [-½, ½]. Total 2·4 + 0.5·CE + 2 ln 2.
        double ln2 = Math.log(2);
        double ce = -(2.0 / 30 * Math.log(0.25) + 28.0 / 30 * Math.log(0.5));
        LossBatch b = LossBatch.of(1, 6, new double[] {3, 0, 0, ln2, 0, 0}, new double[] {1, 2, 1, 0}, 4);
        LossResult r = loss.compute(b, true);
        assertThat(r.values()[0]).isCloseTo(2 * 4 + 0.5 * ce + 2 * ln2, within(1e-14));
        assertThat(r.gradient()).containsExactly(new double[] {2 * 4, 0.5 * (0.25 - 1.0 / 30), 0.5 * (0.25 - 1.0 / 30),
                0.5 * (0.5 - 28.0 / 30), -0.5, 0.5}, within(1e-14));
    }

    @Test
    void gradientMatchesFiniteDifferencesWithWeightsAndMasks() {
        Loss loss = Losses.parse("multitask(losses=[huber(delta=0.5), hinge, rmse], columns=[2, 1, 2], weights=[1, 3, 0.5])");
        Random rnd = new Random(11);
        double[] x = rnd.doubles(20, -2, 2).toArray();
        double[] y = rnd.doubles(20, -2, 2).toArray();
        for (int i = 0; i < 4; i++) {
            y[i * 5 + 2] = rnd.nextBoolean() ? 1 : -1;
        }
        double[] mask = new double[20];
        for (int k = 0; k < 20; k++) {
            mask[k] = k % 7 == 3 ? 0 : 1;
        }
        LossBatch b = LossBatch.of(4, 5, x, y).withExampleWeights(new double[] {1, 0.5, 0, 2}).withOutputMask(mask);
        FiniteDifferences.assertGradientMatches(loss, b, 1e-6, 1e-6, 1e-8);
    }

    @Test
    void roundTripsAndDescribesItself() {
        Loss loss = Losses.parse(SPEC);
        assertThat(Losses.parse(loss.toString())).isEqualTo(loss);
        assertThat(loss.toString()).isEqualTo("multitask(losses=[mse(), softmax_cross_entropy(labelSmoothing=0.1,"
                + " ignoreIndex=-1), binary_cross_entropy(fromLogits=true, posWeight=1, clip=0, labelSmoothing=0)],"
                + " columns=[1, 3, 2], targetColumns=[1, 1, 2], weights=[2, 0.5, 1])");
        assertThat(loss.inputForm()).isEqualTo(InputForm.VALUES);
        assertThat(loss.supportsOutputMask()).isFalse();
        assertThat(Losses.parse("multitask(losses=[binary_cross_entropy, focal], columns=[2, 2])").inputForm())
                .isEqualTo(InputForm.SIGMOID_LOGITS);
        assertThat(Losses.parse("multitask(losses=[zero_one, mse], columns=[2, 1])").isDifferentiable()).isFalse();
        assertThat(Losses.parse("multitask(losses=[batch_rmse, mse], columns=[1, 1])").isBatchCoupled()).isTrue();
    }

    @Test
    void tasksCheckTheirTargetsAndTheShapesAreChecked() {
        Loss loss = Losses.parse(SPEC);
        LossBatch badClass = LossBatch.of(1, 6, new double[6], new double[] {1, 5, 1, 0}, 4);
        assertThatThrownBy(() -> loss.compute(badClass, false)).hasMessageContaining("softmax_cross_entropy")
                .hasMessageContaining("is 5.0");
        assertThatThrownBy(() -> loss.compute(LossBatch.of(1, 5, new double[5], new double[4], 4), false))
                .hasMessageContaining("covers 6 prediction columns");
        assertThatThrownBy(() -> Losses.parse("multitask(losses=[mse, hinge], columns=[1])"))
                .isInstanceOf(SpecException.class).hasMessageContaining("columns has 1 entries for 2 tasks");
        assertThatThrownBy(() -> Losses.parse("multitask(losses=[mse], columns=[1.5])"))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Losses.parse("multitask(losses=[mse], columns=[2], targetColumns=[1])"))
                .hasMessageContaining("targetColumns[0] = 1 but mse() over 2 columns takes 2");
        assertThatThrownBy(() -> Losses.parse("multitask(columns=[2])")).hasMessageContaining("needs losses=[...]");
        assertThatThrownBy(() -> Losses.parse("multitask(losses=[hubber], columns=[1])")).hasMessageContaining("unknown loss");
        assertThatThrownBy(() -> Losses.multitask(List.of(Losses.mse()), new int[] {1}, new double[] {1, 2}))
                .hasMessageContaining("weights has 2 entries for 1 tasks");
    }
}
