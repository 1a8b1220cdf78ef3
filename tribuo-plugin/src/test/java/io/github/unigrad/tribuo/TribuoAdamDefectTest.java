package io.github.unigrad.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.Adam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tribuo 4.3.2's {@code Adam} multiplies the bias-corrected first moment by {@code (√v + ε)} where
 * the published rule (Kingma and Ba 2015, Algorithm 1; its efficient form, Section 2) divides by it:
 * its {@code step} ends in {@code hadamardProductInPlace(secondMoment, a -> Math.sqrt(a) + epsilon)}.
 * (Fixed on Tribuo's main branch, never released.) Our {@code adam} follows the published rule, and
 * trains a good model with the settings under which the built-in does not.
 */
class TribuoAdamDefectTest {
    private static final double LR = 0.05;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;

    @Test
    void theBuiltInMultipliesByTheSecondMomentWhereThePublishedRuleDivides() {
        double[] n = {0.5, -2.0, 4.0};
        Adam builtin = new Adam(LR, B1, B2, EPS);
        builtin.initialise(new LinearParameters(3, 1));
        DenseMatrix theirs = DenseMatrix.createDenseMatrix(new double[][]{n.clone()});
        builtin.step(new Tensor[]{theirs}, 1.0);

        UnigradOptimiser ours = new UnigradOptimiser("adam(lr=0.05, b1=0.9, b2=0.999, eps=1e-8, epsilonHat=true)");
        ours.initialise(new LinearParameters(3, 1));
        DenseMatrix mine = DenseMatrix.createDenseMatrix(new double[][]{n.clone()});
        ours.step(new Tensor[]{mine}, 1.0);

        // after one step with (negative) gradient n: m = (1-β1) n, v = (1-β2) n², α_1 = lr √(1-β2) / (1-β1)
        double alpha = LR * Math.sqrt(1 - B2) / (1 - B1);
        for (int j = 0; j < 3; j++) {
            double m = (1 - B1) * n[j];
            double sqrtV = Math.sqrt((1 - B2) * n[j] * n[j]);
            double published = alpha * m / (sqrtV + EPS);
            double defective = alpha * m * (sqrtV + EPS);
            assertThat(theirs.get(0, j)).as("built-in, entry %d", j).isCloseTo(defective, within(1e-15));
            assertThat(theirs.get(0, j)).as("built-in, entry %d", j).isNotCloseTo(published, within(1e-3));
            assertThat(mine.get(0, j)).as("ours, entry %d", j).isCloseTo(published, within(1e-15));
        }
        // the published first step has size lr whatever the gradient's scale; the built-in's grows with |n|²
        assertThat(Math.abs(mine.get(0, 2))).isCloseTo(LR, within(1e-7));
        assertThat(Math.abs(theirs.get(0, 2)) / Math.abs(theirs.get(0, 0))).isCloseTo(64.0, within(1e-3));
    }

    /**
     * Adam's steps do not depend on the gradient's scale; the built-in's grow with its square. On iris
     * with features scaled by 0.01 (gradients ~100 times smaller), the built-in's updates are ~10⁴
     * times too small and the model stays at chance (1/3), while ours learns.
     */
    @Test
    void oursTrainsAGoodModelWhereTheBuiltInDoesNot() {
        Dataset<Label> data = TestData.iris(0.01);
        double theirs = accuracy(data, new Adam(0.5, B1, B2, EPS));
        double ours = accuracy(data, new UnigradOptimiser("adam(lr=0.5)"));
        System.out.printf("ADAM iris (features x 0.01) training accuracy after 10 epochs, lr 0.5: Tribuo 4.3.2 Adam %.3f,"
                + " Unigrad adam %.3f%n", theirs, ours);
        assertThat(ours).isGreaterThanOrEqualTo(0.9);
        assertThat(theirs).isLessThan(0.4);
    }

    private static double accuracy(Dataset<Label> data, StochasticGradientOptimiser optimiser) {
        Model<Label> model = new LinearSGDTrainer(new LogMulticlass(), optimiser, 10, 7L).train(data);
        return new LabelEvaluator().evaluate(model, data).accuracy();
    }
}
