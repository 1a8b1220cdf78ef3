package io.github.unigrad.loss;

import io.github.unigrad.testing.RandomBatches;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-worked values, edge points (logits of ±1e4, probabilities 0 and 1, examples at the margin) and target
 * domains of the classification losses. The expected numbers are worked out in the comments.
 */
class ClassificationLossesTest {
    private static final double TOL = 1e-14;
    private static final double LN2 = 0.6931471805599453;
    /** Logits [0, 0, ln 2]: softmax [1/4, 1/4, 1/2]. */
    private static final double[] QUARTERS = {0, 0, LN2};

    private static LossBatch dense(double[] x, double... y) {
        return LossBatch.of(1, x.length, x, y);
    }

    private static LossBatch index(double[] x, double c) {
        return LossBatch.of(1, x.length, x, new double[] {c}, 1);
    }

    private static void assertResult(LossResult r, double value, double... gradient) {
        assertThat(r.values()[0]).isCloseTo(value, within(TOL * (1 + Math.abs(value))));
        assertThat(r.gradient()).containsExactly(gradient, within(TOL * 10));
    }

    @Test
    void softmaxCrossEntropyWithDenseAndIndexTargets() {
        // p = [1/4, 1/4, 1/2], class 2: -ln ½ = ln 2; ∂ = p - e_2 = [0.25, 0.25, -0.5]
        Loss ce = Losses.softmaxCrossEntropy();
        assertResult(ce.compute(dense(QUARTERS, 0, 0, 1), true), LN2, 0.25, 0.25, -0.5);
        assertResult(ce.compute(index(QUARTERS, 2), true), LN2, 0.25, 0.25, -0.5);
        // class weights [1, 2, 3]: 3 ln 2 = 2.0794415416798357; ∂ = p·Σ c q - c q = [0.75, 0.75, 1.5 - 3]
        Loss weighted = Losses.parse("softmax_cross_entropy(weights=[1, 2, 3])");
        assertResult(weighted.compute(index(QUARTERS, 2), true), 3 * LN2, 0.75, 0.75, -1.5);
        // label smoothing 0.3 over K = 3: q = [0.1, 0.1, 0.8];
        // -(0.1 ln ¼ + 0.1 ln ¼ + 0.8 ln ½) = 0.2 ln 4 + 0.8 ln 2 = 0.8317766166719343; ∂ = p - q = [0.15, 0.15, -0.3]
        Loss smoothed = Losses.softmaxCrossEntropy(null, 0.3, -1);
        assertResult(smoothed.compute(index(QUARTERS, 2), true), 0.8317766166719343, 0.15, 0.15, -0.3);
        assertResult(smoothed.compute(dense(QUARTERS, 0, 0, 1), true), 0.8317766166719343, 0.15, 0.15, -0.3);
    }

    @Test
    void softmaxCrossEntropyIsExactAtLogitsOfTenThousand() {
        // z = [1e4, -1e4, 0]: logsumexp = 1e4 (the other terms underflow); class 1: L = 1e4 - (-1e4) = 2e4 exactly;
        // p = [1, 0, 0] (p_1 = e^{-2e4} and p_2 = e^{-1e4} underflow): ∂ = p - e_1 = [1, -1, 0]
        double[] z = {1e4, -1e4, 0};
        Loss ce = Losses.softmaxCrossEntropy();
        assertResult(ce.compute(index(z, 1), true), 2e4, 1, -1, 0);
        assertResult(ce.compute(index(z, 0), true), 0, 0, 0, 0);
        // a probability target on the underflowed class is still exact: ½·2e4 + ½·0
        assertResult(ce.compute(dense(z, 0.5, 0.5, 0), true), 1e4, 0.5, -0.5, 0);
    }

    @Test
    void ignoredExamplesAndInvalidClassIndices() {
        Loss ce = Losses.softmaxCrossEntropy(null, 0, 1);
        LossBatch b = LossBatch.of(2, 3, new double[] {1, 2, 3, 3, 2, 1}, new double[] {1, 0}, 1);
        LossResult r = ce.compute(b, true);
        assertThat(r.values()[0]).isZero();
        assertThat(Arrays.copyOfRange(r.gradient(), 0, 3)).containsOnly(0.0);
        assertThat(r.values()[1]).isPositive();
        assertThatThrownBy(() -> Losses.softmaxCrossEntropy().compute(index(QUARTERS, 3), false))
                .hasMessageContaining("target of example 0, output 0 is 3.0").hasMessageContaining("[0, 2]")
                .hasMessageContaining("ignore index -1");
        assertThatThrownBy(() -> Losses.softmaxCrossEntropy().compute(index(QUARTERS, 1.5), false))
                .hasMessageContaining("is 1.5");
        assertThatThrownBy(() -> Losses.softmaxCrossEntropy().compute(dense(QUARTERS, 0, 1.2, 0), false))
                .hasMessageContaining("example 0, output 1 is 1.2").hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Losses.multiclassHinge(1).compute(index(QUARTERS, -1), false))
                .hasMessageContaining("is -1.0").hasMessageContaining("class index in [0, 2]");
    }

    @Test
    void categoricalCrossEntropyOnProbabilities() {
        // p = [0.25, 0.75], y = [0, 1]: -ln 0.75 = 0.2876820724517809; ∂ = [0, -1/0.75]
        Loss cce = Losses.parse("categorical_cross_entropy");
        assertResult(cce.compute(dense(new double[] {0.25, 0.75}, 0, 1), true), 0.2876820724517809, 0, -1 / 0.75);
        // p = [1, 0] on class 1, clipped to 1e-10: -ln 1e-10 = 23.025850929940457; ∂ = -1/1e-10 (not zeroed, as DL4J)
        LossResult clipped = cce.compute(dense(new double[] {1, 0}, 0, 1), true);
        assertThat(clipped.values()[0]).isCloseTo(23.025850929940457, within(1e-13));
        assertThat(clipped.gradient()).containsExactly(0, -1e10);
    }

    @Test
    void binaryCrossEntropyFromLogits() {
        // z = 0, y = 1: ln 2, ∂ = σ(0) - 1 = -0.5; posWeight 3 triples both; smoothing 0.2: y' = 0.9, ∂ = 0.5 - 0.9
        assertResult(Losses.binaryCrossEntropy().compute(dense(new double[] {0}, 1), true), LN2, -0.5);
        assertResult(Losses.binaryCrossEntropy(true, 3, 0, 0).compute(dense(new double[] {0}, 1), true), 3 * LN2, -1.5);
        assertResult(Losses.binaryCrossEntropy(true, 1, 0, 0.2).compute(dense(new double[] {0}, 1), true), LN2, -0.4);
        // ±1e4: softplus(1e4) = 1e4 exactly; the confident right answers are exactly 0
        assertResult(Losses.binaryCrossEntropy().compute(dense(new double[] {1e4, -1e4, 1e4, -1e4}, 0, 1, 1, 0), true),
                2e4, 1, -1, 0, 0);
        // where σ underflows relative to 1: z = -50, y = 0 → log1p(e^{-50}) = 1.9287498479639178e-22 = ∂ (1 - σ(50)
        // would round to 0)
        LossResult tiny = Losses.binaryCrossEntropy().compute(dense(new double[] {-50}, 0), true);
        assertThat(tiny.values()[0]).isCloseTo(1.9287498479639178e-22, within(1e-36));
        assertThat(tiny.gradient()[0]).isCloseTo(1.9287498479639178e-22, within(1e-36));
    }

    @Test
    void binaryCrossEntropyOnProbabilitiesWithDl4jsClip() {
        // DL4J's LossBinaryXENT: clip 1e-5. p = 0, y = 1: -ln 1e-5 = 11.512925464970229;
        // ∂ = (p' - y)/(p'(1 - p')) = (1e-5 - 1)/(1e-5 (1 - 1e-5)) = -1e5
        Loss dl4j = Losses.binaryCrossEntropy(false, 1, 1e-5, 0);
        LossResult r = dl4j.compute(dense(new double[] {0, 1, 0.5}, 1, 1, 1), true);
        // p = 1, y = 1: -ln(1 - 1e-5) = 1.0000050000287824e-5, ∂ = -1/(1 - 1e-5); p = ½: ln 2, ∂ = -2
        assertThat(r.values()[0]).isCloseTo(11.512925464970229 + 1.0000050000287824e-5 + LN2, within(1e-13));
        assertThat(r.gradient()).containsExactly(new double[] {-1e5, -1 / (1 - 1e-5), -2}, within(1e-9));
        // clip 0: p = y ∈ {0, 1} is exactly 0 (the 0·log 0 terms are skipped), with the one-sided derivative
        LossResult exact = Losses.binaryCrossEntropy(false, 1, 0, 0).compute(dense(new double[] {1, 0}, 1, 0), true);
        assertThat(exact.values()).containsExactly(0.0);
        assertThat(exact.gradient()).containsExactly(-1.0, 1.0);
        assertThatThrownBy(() -> Losses.binaryCrossEntropy().compute(dense(new double[] {0}, 2), false))
                .hasMessageContaining("example 0, output 0 is 2.0").hasMessageContaining("[0, 1]");
    }

    @Test
    void hingeFamilyAtAndAroundTheMargin() {
        // hinge, y = [1, 1, -1], x = [0.3, 1, 0.5]: [0.7, 0 (at the margin), 1.5] = 2.2; ∂ = [-1, 0, 1]
        assertResult(Losses.hinge(1).compute(dense(new double[] {0.3, 1, 0.5}, 1, 1, -1), true), 2.2, -1, 0, 1);
        // squared: 0.49 + 0 + 2.25 = 2.74; ∂ = -2 y u = [-1.4, 0, 3]
        assertResult(Losses.squaredHinge(1).compute(dense(new double[] {0.3, 1, 0.5}, 1, 1, -1), true), 2.74, -1.4, 0, 3);
        // multilabel (Tribuo), 0/1 targets: y = [1, 1, 0] is the same problem
        assertResult(Losses.multilabelHinge(1).compute(dense(new double[] {0.3, 1, 0.5}, 1, 1, 0), true), 2.2, -1, 0, 1);
        assertThatThrownBy(() -> Losses.hinge(1).compute(dense(new double[] {0, 0}, 1, 0), false))
                .hasMessageContaining("example 0, output 1 is 0.0").hasMessageContaining("-1 or +1");
        assertThatThrownBy(() -> Losses.multilabelHinge(1).compute(dense(new double[] {0}, -1), false))
                .hasMessageContaining("targets 0 or 1");
    }

    @Test
    void multiclassHingeFollowsTribuosRuleIncludingTies() {
        Loss hinge = Losses.multiclassHinge(1);
        // z = [1, 2, 0.5], class 0: z - e_0 = [0, 2, 0.5], rival 1: 2 + 1 - 1 = 2; ∂ = e_1 - e_0
        assertResult(hinge.compute(index(new double[] {1, 2, 0.5}, 0), true), 2, -1, 1, 0);
        // z = [2, 1, 0.5], class 0: z - e_0 = [1, 1, 0.5]: the first largest is the true class: 0, no gradient
        assertResult(hinge.compute(index(new double[] {2, 1, 0.5}, 0), true), 0, 0, 0, 0);
        // z = [1, 2, 0.5], class 1: z - e_1 = [1, 1, 0.5]: a tie at the margin with a lower rival; Tribuo picks the
        // rival (index 0): value 1 + 1 - 2 = 0 and the subgradient e_0 - e_1
        assertResult(hinge.compute(index(new double[] {1, 2, 0.5}, 1), true), 0, 1, -1, 0);
        // margin 2, one-hot target: z = [1, 3, 0], class 0: [-1, 3, 0] → 3 + 2 - 1 = 4
        assertResult(Losses.multiclassHinge(2).compute(dense(new double[] {1, 3, 0}, 1, 0, 0), true), 4, -1, 1, 0);
    }

    @Test
    void binaryFocalLoss() {
        // z = 0, y = 1, γ = 2, α = 0.25: p = ½, CE = ln 2, 1 - p_t = ½: 0.25·¼·ln 2 = 0.04332169878499658;
        // ∂ = α[γ (1-p_t)^{γ-1} (1 - 2y) p(1-p) CE + (1-p_t)^γ (p - y)] = 0.25[2·½·(-1)·¼·ln 2 + ¼·(-½)]
        //   = -0.07457169878499659
        assertResult(Losses.focal(2, 0.25).compute(dense(new double[] {0}, 1), true), 0.04332169878499658,
                -0.07457169878499659);
        // z = -1e4, y = 1: p = 0, CE = 1e4, 1 - p_t = 1: 0.25·1e4 = 2500; ∂ = 0.25·(0 - 1) = -0.25
        // z = 1e4, y = 1 and z = -1e4, y = 0: 0, no gradient
        assertResult(Losses.focal(2, 0.25).compute(dense(new double[] {-1e4, 1e4, -1e4}, 1, 1, 0), true), 2500,
                -0.25, 0, 0);
    }

    @Test
    void focalWithoutFocusingOrWeightingIsBinaryCrossEntropy() {
        Random rnd = new Random(5);
        LossBatch b = RandomBatches.of(Losses.focal(0, -1), 4, 3, rnd);
        LossResult focal = Losses.focal(0, -1).compute(b, true);
        LossResult bce = Losses.binaryCrossEntropy().compute(b, true);
        assertThat(focal.values()).containsExactly(bce.values(), within(1e-14));
        assertThat(focal.gradient()).containsExactly(bce.gradient(), within(1e-15));
    }

    @Test
    void softmaxFocalLoss() {
        // p = [¼, ¼, ½], class 2, γ = 2: (1 - ½)² ln 2 = 0.17328679513998632;
        // A_2 = γ(1-p_2) p_2 ln p_2 - (1-p_2)² = 2·½·½·(-ln 2) - ¼ = -0.5965735902799727;
        // ∂_k = q_k A_k - p_k A_2 = [-¼ A_2, -¼ A_2, ½ A_2] = [0.14914339756999317, 0.14914339756999317, -0.29828679513998635]
        assertResult(Losses.softmaxFocal(2).compute(index(QUARTERS, 2), true), 0.17328679513998632,
                0.14914339756999317, 0.14914339756999317, -0.29828679513998635);
        // z = [1e4, -1e4, 0], class 1: ln p_1 = -2e4, 1 - p_1 = 1: L = 2e4; A_1 = -1; ∂ = [1, -1, 0]
        assertResult(Losses.softmaxFocal(2).compute(index(new double[] {1e4, -1e4, 0}, 1), true), 2e4, 1, -1, 0);
        // the confident right answer: 1 - p_0 = 0 exactly, the γ term's limit 0
        assertResult(Losses.softmaxFocal(0.5).compute(index(new double[] {1e4, -1e4, 0}, 0), true), 0, 0, 0, 0);
    }

    @Test
    void softmaxFocalWithoutFocusingIsSoftmaxCrossEntropy() {
        LossBatch b = RandomBatches.of(Losses.softmaxFocal(0), 4, 3, true, new Random(6));
        LossResult focal = Losses.parse("softmax_focal(gamma=0, weights=[1, 2, 0.5])").compute(b, true);
        LossResult ce = Losses.parse("softmax_cross_entropy(weights=[1, 2, 0.5])").compute(b, true);
        assertThat(focal.values()).containsExactly(ce.values(), within(1e-14));
        assertThat(focal.gradient()).containsExactly(ce.gradient(), within(1e-15));
    }

    @Test
    void klDivergence() {
        // p = [½, ½], q = [¼, ¾]: ¼ ln ½ + ¾ ln 1.5 = 0.13081203594113697; ∂ = -q/p = [-0.5, -1.5]
        double[] p = {0.5, 0.5};
        assertResult(Losses.klDivergence(false, 0).compute(dense(p, 0.25, 0.75), true), 0.13081203594113697, -0.5, -1.5);
        assertResult(Losses.klDivergence(true, 0).compute(dense(p, Math.log(0.25), Math.log(0.75)), true),
                0.13081203594113697, -0.5, -1.5);
        // q = [0, 1]: the 0 term is 0: ln 2; ∂ = [0, -2]; as a log target, -inf
        assertResult(Losses.klDivergence(false, 0).compute(dense(p, 0, 1), true), LN2, 0, -2);
        assertResult(Losses.klDivergence(true, 0).compute(dense(p, Double.NEGATIVE_INFINITY, 0), true), LN2, 0, -2);
        // DL4J's clip 1e-5 on both: q' = [1e-5, 1], p' = [1, 1e-5]: 1e-5 ln 1e-5 + ln 1e5 = 11.51281033571558;
        // ∂ = -q'/p' = [-1e-5, -1e5]
        LossResult clipped = Losses.klDivergence(false, 1e-5).compute(dense(new double[] {1, 0}, 0, 1), true);
        assertThat(clipped.values()[0]).isCloseTo(11.51281033571558, within(1e-13));
        assertThat(clipped.gradient()).containsExactly(new double[] {-1e-5, -1e5}, within(1e-9));
        assertThatThrownBy(() -> Losses.klDivergence(true, 0).compute(dense(p, 0.5, -1), false))
                .hasMessageContaining("example 0, output 0 is 0.5").hasMessageContaining("logTarget=true");
    }

    @Test
    void zeroOneCountsMistakesAndRefusesGradients() {
        Loss zeroOne = Losses.zeroOne(0.5);
        assertThat(zeroOne.isDifferentiable()).isFalse();
        // argmax [1, 0] vs classes [1, 2]: right, wrong; weights [1, 3] → [0, 3]; weighted mean 3/4
        LossBatch b = LossBatch.of(2, 3, new double[] {0.1, 0.7, 0.2, 0.5, 0.3, 0.2}, new double[] {1, 2}, 1)
                .withExampleWeights(new double[] {1, 3});
        LossResult r = zeroOne.compute(b, false);
        assertThat(r.values()).containsExactly(0.0, 3.0);
        assertThat(r.value(Reduction.WEIGHTED_MEAN)).isEqualTo(0.75);
        // one output, threshold ½: 0.7 → 1 right; 0.2 → 0 wrong; 0.5 is not above ½ → 0, right
        LossBatch binary = LossBatch.of(3, 1, new double[] {0.7, 0.2, 0.5}, new double[] {1, 1, 0});
        assertThat(zeroOne.compute(binary, false).values()).containsExactly(0.0, 1.0, 0.0);
        // margins with ±1 targets: threshold 0
        LossBatch margins = LossBatch.of(2, 1, new double[] {-0.3, 0.1}, new double[] {-1, -1});
        assertThat(Losses.zeroOne(0).compute(margins, false).values()).containsExactly(0.0, 1.0);
        // a dense one-hot row works like its index; ties go to the first largest
        assertThat(zeroOne.compute(LossBatch.of(1, 2, new double[] {1, 1}, new double[] {0, 1}), false).values())
                .containsExactly(1.0);
        assertThatThrownBy(() -> zeroOne.compute(b, true)).isInstanceOf(NotDifferentiableException.class)
                .hasMessageContaining("hinge").hasMessageContaining("log loss").hasMessageContaining("cross-entropy");
    }
}
