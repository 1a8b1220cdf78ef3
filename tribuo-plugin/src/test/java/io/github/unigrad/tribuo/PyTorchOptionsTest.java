package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.multilabel.MultiLabel;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The PyTorch options of the catalogue reach Tribuo through the generic adapters: {@code multi_margin} as a label
 * objective, {@code binary_cross_entropy(posWeight=[...])} as a multi-label objective, and the coupled
 * {@code weightDecay} of the adaptive presets through {@link UnigradOptimiser}, which hands the rule the parameters.
 */
class PyTorchOptionsTest {

    @Test
    void multiMarginTrainsALinearClassifier() {
        Dataset<Label> iris = TestData.iris();
        for (String spec : new String[] {"multi_margin", "multi_margin(p=2, margin=0.5, weights=[1, 2, 1])"}) {
            Model<Label> model = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new UnigradLabelObjective(spec),
                    new UnigradOptimiser("adagrad(lr=0.1)"), 10, 1L).train(iris);
            assertThat(new LabelEvaluator().evaluate(model, iris).accuracy()).as(spec).isGreaterThan(0.8);
        }
    }

    @Test
    void aPositiveWeightPerLabelTrainsMultiLabelsAndItsCountIsChecked() {
        Dataset<MultiLabel> data = TestData.irisMultiLabel();
        int labels = data.getOutputIDInfo().size();
        String perLabel = "binary_cross_entropy(posWeight=[" + "2, ".repeat(labels - 1) + "0.5])";
        Model<MultiLabel> model = new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(new UnigradMultiLabelObjective(perLabel),
                new UnigradOptimiser("adagrad(lr=0.1)"), 2, 1L).train(data);
        assertThat(model.getOutputIDInfo().size()).isEqualTo(labels);
        var wrong = new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(
                new UnigradMultiLabelObjective("binary_cross_entropy(posWeight=[1, 2])"), new UnigradOptimiser("adagrad(lr=0.1)"), 1, 1L);
        assertThatThrownBy(() -> wrong.train(data)).hasMessageContaining("2 positive-class weights but the batch has "
                + labels + " positive-class columns");
    }

    /**
     * Adam with coupled decay λ, through Tribuo, steps exactly as plain Adam fed Tribuo's negative gradient minus λθ
     * (Tribuo's adapter supplies θ; the rule adds λθ to the gradient before Adam).
     */
    @Test
    void coupledWeightDecayIsPlainAdamOnTheGradientPlusLambdaTheta() {
        double lambda = 0.2;
        LinearParameters decayed = new LinearParameters(3, 2);
        LinearParameters plain = new LinearParameters(3, 2);
        UnigradOptimiser withDecay = new UnigradOptimiser("adam(lr=0.05, weightDecay=" + lambda + ")");
        UnigradOptimiser without = new UnigradOptimiser("adam(lr=0.05)");
        withDecay.initialise(decayed);
        without.initialise(plain);
        SplittableRandom rng = new SplittableRandom(5);
        double[][] start = new double[2][3];
        for (double[] row : start) {
            for (int c = 0; c < 3; c++) {
                row[c] = rng.nextDouble(-2, 2);
            }
        }
        decayed.set(new Tensor[] {DenseMatrix.createDenseMatrix(start)});
        plain.set(new Tensor[] {DenseMatrix.createDenseMatrix(start)});
        for (int s = 0; s < 6; s++) {
            double[][] negative = new double[2][3];
            double[][] shifted = new double[2][3];
            DenseMatrix theta = (DenseMatrix) plain.get()[0];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    negative[r][c] = rng.nextDouble(-1, 1);
                    shifted[r][c] = negative[r][c] - lambda * theta.get(r, c);
                }
            }
            decayed.update(withDecay.step(new Tensor[] {DenseMatrix.createDenseMatrix(negative)}, 1.0));
            plain.update(without.step(new Tensor[] {DenseMatrix.createDenseMatrix(shifted)}, 1.0));
            DenseMatrix a = (DenseMatrix) decayed.get()[0];
            DenseMatrix b = (DenseMatrix) plain.get()[0];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(a.get(r, c)).as("step %d (%d, %d)", s, r, c).isCloseTo(b.get(r, c), within(1e-14));
                }
            }
            assertThat(a.get(0, 0)).isNotEqualTo(start[0][0]);
        }
        assertThatThrownBy(() -> new UnigradOptimiser("adam(weightDecay=-1)")).isInstanceOf(PropertyException.class)
                .hasMessageContaining("weightDecay = -1");
    }
}
