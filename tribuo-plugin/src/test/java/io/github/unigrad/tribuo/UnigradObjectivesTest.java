package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.unigrad.loss.Losses;
import org.junit.jupiter.api.Test;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.util.ExpNormalizer;
import org.tribuo.math.util.NoopNormalizer;
import org.tribuo.math.util.SigmoidNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Tribuo's objective conventions: raw scores in, negative gradient out, the value with the
 * minimising sign, the normaliser and threshold of the output type; configuration-time refusal of
 * bad specs and of losses that do not fit; statelessness.
 */
class UnigradObjectivesTest {

    private static DenseVector scores(double... z) {
        return DenseVector.createDenseVector(z);
    }

    @Test
    void regressionReturnsTheNegativeGradientAndTheMinimisedValue() {
        UnigradRegressionObjective mse = new UnigradRegressionObjective("mse");
        Pair<Double, SGDVector> r = mse.lossAndGradient(scores(1.0, -2.0), scores(1.5, 0.0));
        // L = ((1.5-1)² + (0+2)²)/2 = 2.125; dL/dx = 2(x - y)/2 = x - y
        assertThat(r.getA()).isCloseTo(2.125, within(1e-15));
        assertThat(r.getB().toArray()).containsExactly(new double[]{1.0 - 1.5, -2.0 - 0.0}, within(1e-15));
    }

    @Test
    void labelSoftmaxCrossEntropyGivesOneHotMinusSoftmax() {
        UnigradLabelObjective ce = new UnigradLabelObjective("softmax_cross_entropy");
        double[] z = {0.5, -1.0, 2.0};
        Pair<Double, SGDVector> r = ce.lossAndGradient(2, scores(z));
        double s = Math.exp(0.5) + Math.exp(-1.0) + Math.exp(2.0);
        double[] p = {Math.exp(0.5) / s, Math.exp(-1.0) / s, Math.exp(2.0) / s};
        assertThat(r.getA()).isCloseTo(-Math.log(p[2]), within(1e-12)).isPositive();
        assertThat(r.getB().toArray()).containsExactly(new double[]{-p[0], -p[1], 1 - p[2]}, within(1e-12));
        assertThat(ce.isProbabilistic()).isTrue();
        assertThat(ce.getNormalizer()).isInstanceOf(ExpNormalizer.class);
    }

    @Test
    void aLabelLossOnProbabilitiesGetsASoftmaxAndItsBackwardPass() {
        // categorical cross-entropy of softmax(z) has the same gradient in z as softmax cross-entropy
        UnigradLabelObjective onProbabilities = new UnigradLabelObjective("categorical_cross_entropy");
        UnigradLabelObjective onLogits = new UnigradLabelObjective("softmax_cross_entropy");
        double[] z = {0.3, 1.1, -0.4, 0.0};
        Pair<Double, SGDVector> a = onProbabilities.lossAndGradient(1, scores(z));
        Pair<Double, SGDVector> b = onLogits.lossAndGradient(1, scores(z));
        assertThat(a.getA()).isCloseTo(b.getA(), within(1e-12));
        assertThat(a.getB().toArray()).containsExactly(b.getB().toArray(), within(1e-12));
        assertThat(onProbabilities.isProbabilistic()).isTrue();
    }

    @Test
    void labelMarginLossPredictsFromRawScores() {
        UnigradLabelObjective hinge = new UnigradLabelObjective("multiclass_hinge");
        assertThat(hinge.isProbabilistic()).isFalse();
        assertThat(hinge.getNormalizer()).isInstanceOf(NoopNormalizer.class);
        // class 0 wins by less than the margin over class 2: loss 1 - (2.0 - 1.5) = 0.5, gradient e_2 - e_0
        Pair<Double, SGDVector> r = hinge.lossAndGradient(0, scores(2.0, -1.0, 1.5));
        assertThat(r.getA()).isCloseTo(0.5, within(1e-15));
        assertThat(r.getB().toArray()).containsExactly(1.0, 0.0, -1.0);
    }

    @Test
    void multiLabelBinaryCrossEntropyGivesTargetsMinusSigmoids() {
        UnigradMultiLabelObjective bce = new UnigradMultiLabelObjective("binary_cross_entropy");
        double[] z = {0.7, -1.3};
        SparseVector truth = SparseVector.createSparseVector(2, new int[]{0}, new double[]{1});
        Pair<Double, SGDVector> r = bce.lossAndGradient(truth, scores(z));
        double p0 = 1 / (1 + Math.exp(-0.7));
        double p1 = 1 / (1 + Math.exp(1.3));
        assertThat(r.getB().toArray()).containsExactly(new double[]{1 - p0, -p1}, within(1e-12));
        assertThat(r.getA()).isPositive();
        assertThat(bce.isProbabilistic()).isTrue();
        assertThat(bce.threshold()).isEqualTo(0.5);
        assertThat(bce.getNormalizer()).isInstanceOf(SigmoidNormalizer.class);
    }

    @Test
    void multiLabelMarginLossThresholdsRawScoresAtZero() {
        UnigradMultiLabelObjective hinge = new UnigradMultiLabelObjective("multilabel_hinge");
        assertThat(hinge.isProbabilistic()).isFalse();
        assertThat(hinge.threshold()).isEqualTo(0.0);
        assertThat(hinge.getNormalizer()).isInstanceOf(NoopNormalizer.class);
    }

    @Test
    void theSpecIsKeptInCanonicalFormForTheProvenance() {
        UnigradRegressionObjective o = new UnigradRegressionObjective("l2");
        assertThat(o.lossSpec()).isEqualTo(Losses.parse("l2").spec().toString());
        assertThat(Losses.parse(o.lossSpec())).isEqualTo(o.loss());
        assertThat(o.getProvenance().getConfiguredParameters().get("loss").toString()).contains(o.lossSpec());
    }

    @Test
    void anUnknownLossIsRefusedWithTheValidNames() {
        assertThatThrownBy(() -> new UnigradRegressionObjective("hubber"))
                .isInstanceOf(PropertyException.class)
                .hasMessageContaining("loss").hasMessageContaining("hubber").hasMessageContaining("mse");
    }

    @Test
    void aBadHyperparameterIsRefused() {
        assertThatThrownBy(() -> new UnigradRegressionObjective("mse(weights=[-1])"))
                .isInstanceOf(PropertyException.class)
                .hasMessageContaining("weights").hasMessageContaining("-1");
    }

    @Test
    void aRegressionLossIsRefusedForLabelsAndMultiLabels() {
        assertThatThrownBy(() -> new UnigradLabelObjective("mse"))
                .isInstanceOf(PropertyException.class)
                .hasMessageContaining("cannot train labels").hasMessageContaining("regression loss");
        assertThatThrownBy(() -> new UnigradMultiLabelObjective("l2"))
                .isInstanceOf(PropertyException.class)
                .hasMessageContaining("cannot train multi-label outputs").hasMessageContaining("regression loss");
    }

    @Test
    void classificationLossesAreRefusedForRegression() {
        assertThatThrownBy(() -> new UnigradRegressionObjective("softmax_cross_entropy"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("cannot train regression outputs")
                .hasMessageContaining("SOFTMAX_LOGITS");
        assertThatThrownBy(() -> new UnigradRegressionObjective("hinge"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("cannot train regression outputs");
    }

    @Test
    void softmaxLossesAreRefusedForMultiLabel() {
        assertThatThrownBy(() -> new UnigradMultiLabelObjective("softmax_cross_entropy"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("compete");
    }

    @Test
    void aScoringOnlyLossIsRefused() {
        assertThatThrownBy(() -> new UnigradLabelObjective("zero_one"))
                .isInstanceOf(PropertyException.class).hasMessageContaining("no gradient");
    }

    @Test
    void oneObjectiveServesConcurrentCallsWithTheSameResultsAsSequentialOnes() throws Exception {
        UnigradRegressionObjective mse = new UnigradRegressionObjective("mse");
        Random rng = new Random(3);
        int n = 2000;
        double[][] truth = new double[n][3];
        double[][] pred = new double[n][3];
        double[][] expected = new double[n][];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                truth[i][j] = rng.nextGaussian();
                pred[i][j] = rng.nextGaussian();
            }
            expected[i] = mse.lossAndGradient(scores(truth[i]), scores(pred[i])).getB().toArray();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[][]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    double[][] out = new double[n][];
                    for (int i = 0; i < n; i++) {
                        out[i] = mse.lossAndGradient(scores(truth[i]), scores(pred[i])).getB().toArray();
                    }
                    return out;
                }));
            }
            for (Future<double[][]> f : results) {
                assertThat(f.get()).isDeepEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }
}
