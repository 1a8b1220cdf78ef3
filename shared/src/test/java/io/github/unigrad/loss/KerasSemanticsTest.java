package io.github.unigrad.loss;

import io.github.unigrad.spec.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The catalogue options that express Keras' semantics: {@code outputs=mean}, hinge's {@code labels=auto},
 * {@code categorical_hinge}, focal on probabilities (hand-worked values in the comments; finite differences are in
 * {@link LossCatalogueTest}).
 */
class KerasSemanticsTest {
    private static final double TOL = 1e-12;

    private static LossResult row(String spec, double[] x, double[] y) {
        return Losses.parse(spec).compute(LossBatch.of(1, x.length, x, y), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"huber(delta=0.7)", "smooth_l1(beta=0.5)", "log_cosh", "hinge", "squared_hinge(margin=2)",
            "multilabel_hinge", "binary_cross_entropy(posWeight=2)", "binary_cross_entropy(fromLogits=false, clip=1e-7)",
            "poisson_nll(logInput=false, eps=1e-7)", "kl_divergence(clip=1e-7)", "categorical_cross_entropy",
            "focal(fromLogits=false, clip=1e-7)", "focal(alpha=-1)"})
    void outputsMeanIsTheSumDividedByTheNumberOfOutputs(String sumSpec) {
        Loss sum = Losses.parse(sumSpec);
        String meanSpec = sumSpec.endsWith(")") ? sumSpec.substring(0, sumSpec.length() - 1) + ", outputs=mean)"
                : sumSpec + "(outputs=mean)";
        Loss mean = Losses.parse(meanSpec);
        assertThat(mean.spec().toString()).contains("outputs=mean");
        assertThat(mean).isNotEqualTo(sum);
        int cols = 4;
        LossBatch b = io.github.unigrad.testing.RandomBatches.of(sum, 3, cols, new Random(sumSpec.hashCode()));
        LossResult s = sum.compute(b, true);
        LossResult m = mean.compute(b, true);
        for (int i = 0; i < 3; i++) {
            assertThat(m.values()[i]).isCloseTo(s.values()[i] / cols, within(TOL * (1 + Math.abs(s.values()[i]))));
        }
        for (int k = 0; k < s.gradient().length; k++) {
            assertThat(m.gradient()[k]).isCloseTo(s.gradient()[k] / cols, within(TOL * (1 + Math.abs(s.gradient()[k]))));
        }
    }

    @Test
    void outputsOptionIsCanonicalAndChecked() {
        assertThat(Losses.parse("huber(outputs=sum)").spec().toString()).isEqualTo("huber(delta=1)");
        assertThat(Losses.parse("huber(outputs=MEAN)").spec().toString()).isEqualTo("huber(delta=1, outputs=mean)");
        assertThat(Losses.parse(Losses.parse("log_cosh(outputs=mean)").spec().toString()))
                .isEqualTo(Losses.parse("log_cosh(outputs=mean)"));
        assertThatThrownBy(() -> Losses.parse("huber(outputs=median)")).isInstanceOf(SpecException.class)
                .hasMessageContaining("outputs = median").hasMessageContaining("sum, mean");
        assertThatThrownBy(() -> Losses.parse("mse(outputs=sum)")).isInstanceOf(SpecException.class)
                .hasMessageContaining("outputs");
        assertThatThrownBy(() -> Losses.parse("multilabel_hinge(labels=auto)")).isInstanceOf(SpecException.class)
                .hasMessageContaining("labels");
        assertThatThrownBy(() -> Losses.parse("focal(clip=1e-7)")).isInstanceOf(SpecException.class)
                .hasMessageContaining("clip = 1e-7").hasMessageContaining("probabilities");
    }

    @Test
    void huberAndLogCoshAveragedOverOutputs() {
        // huber(δ=1), d = [0.5, -3]: terms 0.125 and 2.5, mean 1.3125; gradient [0.5, -1] / 2
        LossResult h = row("huber(outputs=mean)", new double[] {0.5, -3}, new double[] {0, 0});
        assertThat(h.values()[0]).isCloseTo(1.3125, within(TOL));
        assertThat(h.gradient()).containsExactly(0.25, -0.5);
        // log cosh(1) = 0.4337808304830271, tanh(1) = 0.7615941559557649; with d = 0 beside it, both halve
        LossResult c = row("log_cosh(outputs=mean)", new double[] {1, 0}, new double[] {0, 0});
        assertThat(c.values()[0]).isCloseTo(0.4337808304830271 / 2, within(TOL));
        assertThat(c.gradient()[0]).isCloseTo(0.7615941559557649 / 2, within(TOL));
    }

    @Test
    void hingeLabelsAutoReadsABinaryBatchAsSignsAndAnyOtherAsItIs() {
        // targets [0, 1] (binary batch) → t = [-1, 1]; x = [0.5, 0.5]: u = [1.5, 0.5], mean 1; ∂ = [1, -1] / 2
        LossResult r = row("hinge(labels=auto, outputs=mean)", new double[] {0.5, 0.5}, new double[] {0, 1});
        assertThat(r.values()[0]).isCloseTo(1.0, within(TOL));
        assertThat(r.gradient()).containsExactly(0.5, -0.5);
        // targets [0, 0.5] (not binary) → as they are: u = [1 - 0, 1 - 0.25] = [1, 0.75], sum 1.75; ∂ = [0, -0.5]
        LossResult s = row("hinge(labels=auto)", new double[] {0.5, 0.5}, new double[] {0, 0.5});
        assertThat(s.values()[0]).isCloseTo(1.75, within(TOL));
        assertThat(s.gradient()).containsExactly(new double[] {0, -0.5}, within(0.0));
        // squared: ±1 targets stay; x = [0.5, -2], t = [1, -1]: u = [0.5, -1] → 0.25 + 0; ∂ = [-2·0.5, 0]
        LossResult q = row("squared_hinge(labels=auto)", new double[] {0.5, -2}, new double[] {1, -1});
        assertThat(q.values()[0]).isCloseTo(0.25, within(TOL));
        assertThat(q.gradient()).containsExactly(new double[] {-1, 0}, within(0.0));
        // the rule is the whole batch's: row 0 alone is binary, but row 1 holds 0.5, so row 0's 0 stays 0
        LossBatch mixed = LossBatch.of(2, 1, new double[] {0.5, 0.5}, new double[] {0, 0.5});
        assertThat(Losses.parse("hinge(labels=auto)").compute(mixed, false).values()).containsExactly(1.0, 0.75);
        assertThat(Losses.parse("hinge(labels=auto)").isBatchCoupled()).isTrue();
        assertThat(Losses.parse("hinge").isBatchCoupled()).isFalse();
    }

    @Test
    void categoricalHingeMeasuresRivalsAgainstZero() {
        // x = [-1, -2, 0.5], y = e_2: pos = 0.5, neg = max(-1, -2, 0·0.5) = 0 → 0.5; ∂ = -y + (1 - y_2) e_2 = [0, 0, -1]
        LossResult r = row("categorical_hinge", new double[] {-1, -2, 0.5}, new double[] {0, 0, 1});
        assertThat(r.values()[0]).isCloseTo(0.5, within(TOL));
        assertThat(r.gradient()).containsExactly(new double[] {0, 0, -1}, within(0.0));
        // Crammer–Singer gives max(0, -1 + 1 - 0.5) = 0 on the same row
        assertThat(Losses.parse("multiclass_hinge").compute(LossBatch.of(1, 3, new double[] {-1, -2, 0.5},
                new double[] {0, 0, 1}), false).values()[0]).isEqualTo(0.0);
        // x = [2, -1, 0.5]: neg = 2 → 2 - 0.5 + 1 = 2.5; ∂ = [1, 0, -1]
        LossResult s = row("categorical_hinge", new double[] {2, -1, 0.5}, new double[] {0, 0, 1});
        assertThat(s.values()[0]).isCloseTo(2.5, within(TOL));
        assertThat(s.gradient()).containsExactly(new double[] {1, 0, -1}, within(0.0));
        // x = [-1, -2, 3]: 0 - 3 + 1 < 0 → 0, no gradient
        LossResult t = row("categorical_hinge", new double[] {-1, -2, 3}, new double[] {0, 0, 1});
        assertThat(t.values()[0]).isEqualTo(0.0);
        assertThat(t.gradient()).containsExactly(new double[] {0, 0, 0}, within(0.0));
    }

    @Test
    void categoricalFocalHandValueAndCrossEntropyLimit() {
        // p = [0.7, 0.2, 0.1], y = e_0, γ = 2, α = 0.25: 0.25 · 0.3² · (-ln 0.7) = 0.0225 · 0.35667494393873245
        // ∂/∂p_0 = 0.25 [2 · 0.3 · ln 0.7 - 0.09 / 0.7]; the other classes' terms are 0
        double ln = Math.log(0.7);
        LossResult r = row("categorical_focal", new double[] {0.7, 0.2, 0.1}, new double[] {1, 0, 0});
        assertThat(r.values()[0]).isCloseTo(-0.0225 * ln, within(TOL));
        assertThat(r.gradient()).containsExactly(new double[] {0.25 * (0.6 * ln - 0.09 / 0.7), 0, 0}, within(TOL));
        // γ = 0, α = 1: categorical cross-entropy
        double[] p = {0.3, 0.5, 0.2};
        double[] y = {0.2, 0.8, 0};
        LossResult f = row("categorical_focal(gamma=0, alpha=1, clip=1e-10)", p, y);
        LossResult c = row("categorical_cross_entropy", p, y);
        assertThat(f.values()[0]).isCloseTo(c.values()[0], within(TOL));
        assertThat(f.gradient()).containsExactly(c.gradient(), within(TOL));
    }

    @Test
    void focalOnProbabilitiesHandValueAndAgreementWithLogits() {
        // p = 0.8, y = 1, γ = 2, no α: 1 - p_t = 0.2, factor 0.04, ce = -ln 0.8 = 0.2231435513142098
        // f = 0.04 ce; ∂f/∂p = 2·0.2·(1 - 2)·ce + 0.04·(-1/0.8)
        double ce = -Math.log(0.8);
        LossResult r = row("focal(alpha=-1, fromLogits=false)", new double[] {0.8}, new double[] {1});
        assertThat(r.values()[0]).isCloseTo(0.04 * ce, within(TOL));
        assertThat(r.gradient()[0]).isCloseTo(-0.4 * ce - 0.05, within(TOL));
        // the same loss from the logit z = σ⁻¹(p): equal value, gradient × σ'(z) = p(1 - p)
        double[] p = {0.3, 0.9, 0.55};
        double[] y = {1, 0, 0.4};
        double[] z = new double[3];
        for (int j = 0; j < 3; j++) {
            z[j] = Math.log(p[j] / (1 - p[j]));
        }
        LossResult probs = row("focal(gamma=1.5, alpha=0.25, fromLogits=false)", p, y);
        LossResult logits = row("focal(gamma=1.5, alpha=0.25)", z, y);
        assertThat(probs.values()[0]).isCloseTo(logits.values()[0], within(1e-12));
        for (int j = 0; j < 3; j++) {
            assertThat(probs.gradient()[j] * p[j] * (1 - p[j])).isCloseTo(logits.gradient()[j], within(1e-12));
        }
    }
}
