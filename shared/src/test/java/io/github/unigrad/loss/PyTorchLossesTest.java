package io.github.unigrad.loss;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The losses PyTorch 1.13 users expect: {@code MultiMarginLoss} ({@code multi_margin}) and {@code BCEWithLogitsLoss}'s
 * {@code pos_weight} vector ({@code binary_cross_entropy(posWeight=[...])}). Hand-worked values (the first is the
 * example of PyTorch's documentation), and the formulas of PyTorch's documentation written out here, term by term,
 * independently of the catalogue's code, compared on random batches.
 */
class PyTorchLossesTest {
    private static final double LN2 = Math.log(2);

    private static LossResult one(Loss loss, double[] x, double... y) {
        return loss.compute(LossBatch.of(1, x.length, x, y, y.length), true);
    }

    private static void assertResult(LossResult r, double value, double... gradient) {
        assertThat(r.values()[0]).isCloseTo(value, within(1e-15 * (1 + Math.abs(value))));
        assertThat(r.gradient()).containsExactly(gradient, within(1e-15));
    }

    @Test
    void multiMarginOnPyTorchsDocumentedExample() {
        // PyTorch's MultiMarginLoss example: x = [0.1, 0.2, 0.4, 0.8], y = 3:
        // ¼ ((1 - 0.8 + 0.1) + (1 - 0.8 + 0.2) + (1 - 0.8 + 0.4)) = ¼ (0.3 + 0.4 + 0.6) = 0.325 (PyTorch prints 0.3250);
        // each violating class gets ¼, the true class -¾
        double[] x = {0.1, 0.2, 0.4, 0.8};
        assertResult(one(Losses.parse("multi_margin"), x, 3), 0.325, 0.25, 0.25, 0.25, -0.75);
        // the same with a one-hot row
        assertResult(one(Losses.parse("multi_margin"), x, 0, 0, 0, 1), 0.325, 0.25, 0.25, 0.25, -0.75);
        // p = 2: ¼ (0.09 + 0.16 + 0.36) = 0.1525; ∂ = 2h/4 = [0.15, 0.2, 0.3], true class -0.65
        assertResult(one(Losses.parse("multi_margin(p=2)"), x, 3), 0.1525, 0.15, 0.2, 0.3, -0.65);
        // class weights, w_3 = 2 multiplies every term of an example of class 3 (w_0 does not enter)
        assertResult(one(Losses.parse("multi_margin(weights=[5, 1, 1, 2])"), x, 3), 0.65, 0.5, 0.5, 0.5, -1.5);
        // margin 0.5: h = [-0.2, -0.1, 0.1]: only class 2 violates: 0.1/4 = 0.025
        assertResult(one(Losses.parse("multi_margin(margin=0.5)"), x, 3), 0.025, 0, 0, 0.25, -0.25);
        // exactly at the margin (h = 0: x = [0, 1], y = 1, m = 1) the term and its gradient are 0, as PyTorch's h > 0
        assertResult(one(Losses.parse("multi_margin"), new double[] {0, 1}, 1), 0, 0, 0);
    }

    /** PyTorch 1.13's documented MultiMarginLoss, reduction='none': Σ_{i≠y} w[y] max(0, margin - x[y] + x[i])^p / x.size(0). */
    private static double pytorchMultiMargin(double[] x, int y, int p, double margin, double[] w) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (i != y) {
                sum += (w == null ? 1 : w[y]) * Math.pow(Math.max(0, margin - x[y] + x[i]), p);
            }
        }
        return sum / x.length;
    }

    static Stream<Arguments> multiMargins() {
        return Stream.of(Arguments.of(1, 1.0, null), Arguments.of(2, 1.0, null),
                Arguments.of(1, 0.3, new double[] {0.5, 2, 1, 3, 1}), Arguments.of(2, 2.0, new double[] {1, 0, 4, 1, 0.25}));
    }

    @ParameterizedTest
    @MethodSource("multiMargins")
    void multiMarginMatchesPyTorchsFormulaOnRandomBatches(int p, double margin, double[] w) {
        Loss loss = Losses.multiMargin(p, margin, w);
        String spec = loss.toString();
        Random rnd = new Random(spec.hashCode());
        int rows = 20, k = 5;
        double[] x = new double[rows * k];
        double[] y = new double[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 * rnd.nextGaussian();
        }
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextInt(k);
        }
        LossResult r = loss.compute(LossBatch.of(rows, k, x, y, 1), true);
        double mean = 0;
        for (int i = 0; i < rows; i++) {
            double[] row = Arrays.copyOfRange(x, i * k, i * k + k);
            double expected = pytorchMultiMargin(row, (int) y[i], p, margin, w);
            assertThat(r.values()[i]).as("example %d", i).isCloseTo(expected, within(1e-13 * (1 + expected)));
            mean += expected / rows;
        }
        // PyTorch's default reduction='mean' divides by the batch size
        assertThat(r.value(Reduction.MEAN)).isCloseTo(mean, within(1e-13 * (1 + mean)));
    }

    @Test
    void multiMarginRejectsBadHyperparametersAndShapes() {
        assertThatThrownBy(() -> Losses.parse("multi_margin(p=3)")).hasMessageContaining("multi_margin: p = 3")
                .hasMessageContaining("[1, 2]");
        assertThatThrownBy(() -> Losses.parse("multi_margin(p=1.5)")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Losses.parse("multi_margin(margin=-1)")).hasMessageContaining("margin = -1");
        assertThatThrownBy(() -> one(Losses.parse("multi_margin(weights=[1, 2])"), new double[] {1, 2, 3}, 0))
                .hasMessageContaining("2 class weights but the batch has 3 class columns");
        assertThatThrownBy(() -> one(Losses.parse("multi_margin"), new double[] {1, 2, 3}, 3))
                .hasMessageContaining("class index in [0, 2]");
        assertThat(Losses.multiMargin(2, 0.5, new double[] {1, 2})).isEqualTo(
                Losses.parse("multi_margin(p=2, margin=0.5, weights=[1, 2])"));
        assertThat(Losses.multiMargin(1, 1, null).toString()).isEqualTo("multi_margin(p=1, margin=1)");
    }

    @Test
    void binaryCrossEntropyWithAPositiveWeightPerOutput() {
        // z = [0, 0]: every term is ln 2 times its coefficient, ∂ = (1 - y) σ(0) - w_j y σ(0) = ½ ((1 - y) - w_j y)
        Loss bce = Losses.parse("binary_cross_entropy(posWeight=[3, 0.5])");
        assertResult(one(bce, new double[] {0, 0}, 1, 1), 3.5 * LN2, -1.5, -0.25);
        // a negative target does not see its output's positive weight
        assertResult(one(bce, new double[] {0, 0}, 1, 0), 4 * LN2, -1.5, 0.5);
        // on probabilities: p = ½, y = 1: w_j ln 2 and ∂ = -w_j / ½
        Loss probs = Losses.parse("binary_cross_entropy(fromLogits=false, posWeight=[3, 0.5])");
        assertResult(one(probs, new double[] {0.5, 0.5}, 1, 1), 3.5 * LN2, -6, -1);
        // the scalar form is a list of one, printed as a number, and broadcast to every output
        assertThat(Losses.parse("binary_cross_entropy(posWeight=[2])")).isEqualTo(Losses.parse("binary_cross_entropy(posWeight=2)"));
        assertThat(Losses.parse("binary_cross_entropy(posWeight=2)").toString()).contains("posWeight=2,");
        assertThat(bce.toString()).contains("posWeight=[3, 0.5]");
        assertThat(Losses.binaryCrossEntropy(true, new double[] {3, 0.5}, 0, 0)).isEqualTo(bce);
        // the number of outputs a host must give it
        assertThat(bce.fixedOutputs()).isEqualTo(2);
        assertThat(Losses.parse("binary_cross_entropy(posWeight=2)").fixedOutputs()).isZero();
        assertThat(Losses.parse("binary_cross_entropy(posWeight=2, weights=[1, 1, 1])").fixedOutputs()).isEqualTo(3);
        assertThat(Losses.parse("multi_margin(weights=[1, 1, 1, 1])").fixedOutputs()).isEqualTo(4);
    }

    @Test
    void binaryCrossEntropyPositiveWeightsAreChecked() {
        assertThatThrownBy(() -> one(Losses.parse("binary_cross_entropy(posWeight=[3, 0.5])"), new double[] {0, 0, 0}, 1, 1, 1))
                .hasMessageContaining("2 positive-class weights but the batch has 3 positive-class columns");
        assertThatThrownBy(() -> Losses.parse("binary_cross_entropy(posWeight=[1, -2])"))
                .hasMessageContaining("posWeight[1] = -2");
        assertThatThrownBy(() -> Losses.parse("binary_cross_entropy(posWeight=[])"))
                .hasMessageContaining("posWeight = [] is empty");
    }

    /** PyTorch 1.13's documented BCEWithLogitsLoss, reduction='none': -[p_c y log σ(x) + (1 - y) log(1 - σ(x))]. */
    private static double pytorchBceWithLogits(double x, double y, double pc) {
        double sigma = 1 / (1 + Math.exp(-x));
        return -(pc * y * Math.log(sigma) + (1 - y) * Math.log(1 - sigma));
    }

    @Test
    void binaryCrossEntropyPositiveWeightVectorMatchesPyTorchsFormula() {
        double[] pc = {0.25, 1, 4};
        Loss bce = Losses.binaryCrossEntropy(true, pc, 0, 0);
        Random rnd = new Random(13);
        int rows = 30, k = pc.length;
        double[] x = new double[rows * k];
        double[] y = new double[rows * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = 4 * rnd.nextGaussian();
            y[i] = rnd.nextInt(3) / 2.0;
        }
        LossResult r = bce.compute(LossBatch.of(rows, k, x, y), true);
        for (int i = 0; i < rows; i++) {
            double expected = 0;
            for (int j = 0; j < k; j++) {
                expected += pytorchBceWithLogits(x[i * k + j], y[i * k + j], pc[j]);
            }
            assertThat(r.values()[i]).as("example %d", i).isCloseTo(expected, within(1e-12 * (1 + expected)));
        }
    }
}
