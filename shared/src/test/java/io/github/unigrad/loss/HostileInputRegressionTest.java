package io.github.unigrad.loss;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 13's loss probes, each with the exact behaviour wanted: NaN in, NaN out (items 2), predictions outside a
 * loss's domain refused naming the example, value and domain (item 3), and finite answers at extreme residuals
 * (item 6: barron, cosine_proximity), checked against limits worked by hand.
 */
class HostileInputRegressionTest {
    private static final double NAN = Double.NaN;

    private static double[] values;
    private static double[] gradient;

    private static void evaluate(String spec, LossBatch b) {
        Loss loss = Losses.parse(spec);
        values = new double[b.rows()];
        gradient = loss.isDifferentiable() ? new double[b.rows() * b.cols()] : null;
        loss.evaluate(b, values, gradient);
    }

    @ParameterizedTest
    @CsvSource({"hinge, -1", "squared_hinge, -1", "multilabel_hinge, 0"})
    void aNaNScoreGivesANaNHingeValueAndGradient(String spec, double negative) {
        // example 0 is clean (t = 1, x = 0.25: u = 0.75 > 0), example 1 holds the NaN
        evaluate(spec, LossBatch.of(2, 2, new double[] {0.25, 3, NAN, 3}, new double[] {1, 1, negative, 1}));
        assertThat(values[0]).isEqualTo(spec.equals("squared_hinge") ? 0.75 * 0.75 : 0.75);
        assertThat(gradient[0]).isEqualTo(spec.equals("squared_hinge") ? -1.5 : -1.0);
        assertThat(gradient[1]).isEqualTo(0.0); // flat side: 0, not -0
        assertThat(values[1]).isNaN();
        assertThat(gradient[2]).isNaN();
        assertThat(gradient[3]).isEqualTo(0.0);
    }

    @Test
    void aNaNInANonTargetScoreGivesANaNMulticlassHinge() {
        evaluate("multiclass_hinge", LossBatch.of(1, 3, new double[] {2, NAN, 0}, new double[] {0}, 1));
        assertThat(values[0]).isNaN();
        assertThat(gradient).containsOnly(NAN);
    }

    @ParameterizedTest
    @CsvSource({"categorical_cross_entropy, probabilities in [0, 1]", "kl_divergence, predicted probabilities in [0, 1]"})
    void aNaNInANonTargetProbabilityIsRefusedNamingTheExample(String spec, String domain) {
        LossBatch b = LossBatch.of(2, 3, new double[] {0.2, 0.3, 0.5, 0.6, NAN, 0.4}, new double[] {0, 0, 1, 1, 0, 0});
        assertThatThrownBy(() -> evaluate(spec, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prediction of example 1, output 1 is NaN").hasMessageContaining(domain);
    }

    @Test
    void zeroOneScoresANaNTargetOrPredictionAsNaN() {
        evaluate("zero_one", LossBatch.of(3, 1, new double[] {0.9, 0.9, NAN}, new double[] {1, NAN, 1}));
        assertThat(values[0]).isEqualTo(0.0);
        assertThat(values[1]).isNaN();
        assertThat(values[2]).isNaN();
        evaluate("zero_one", LossBatch.of(2, 3, new double[] {1, 2, 3, 1, NAN, 0}, new double[] {0, 0, 1, 1, 0, 0}));
        assertThat(values[0]).isEqualTo(0.0);
        assertThat(values[1]).isNaN();
    }

    @Test
    void quantileAndWassersteinGiveANaNGradientForANaNPrediction() {
        evaluate("quantile(quantiles=[0.25])", LossBatch.of(1, 2, new double[] {NAN, 1}, new double[] {0, 1}));
        assertThat(values[0]).isNaN();
        assertThat(gradient[0]).isNaN();
        assertThat(gradient[1]).isEqualTo(0.0); // at the kink
        evaluate("wasserstein", LossBatch.of(1, 2, new double[] {NAN, Double.POSITIVE_INFINITY}, new double[] {1, -1}));
        assertThat(values[0]).isNaN();
        assertThat(gradient[0]).isNaN();
        assertThat(gradient[1]).isEqualTo(-0.5); // an infinite score keeps its finite gradient y/K
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "binary_cross_entropy(fromLogits=false); 1.5; 1; probabilities in [0, 1] with fromLogits=false",
        "binary_cross_entropy(fromLogits=false, clip=1e-5); -0.25; 0; probabilities in [0, 1] with fromLogits=false",
        "categorical_cross_entropy(clip=0); -0.1; 0; probabilities in [0, 1]",
        "categorical_cross_entropy; 1.25; 0; probabilities in [0, 1]",
        "kl_divergence; -0.1; 0.5; predicted probabilities in [0, 1]",
        "msle; -1; 0.5; predictions > -1",
        "msle; -3; 0.5; predictions > -1",
        "poisson_nll(logInput=false); -0.5; 2; rates >= 0 with logInput=false"})
    void aPredictionOutsideTheDomainIsRefusedNamingExampleValueAndDomain(String spec, double bad, double target, String domain) {
        Loss loss = Losses.parse(spec);
        double[] y = {target, target, target, target};
        double[] x = {0.5, 0.5, 0.5, bad};
        LossBatch b = LossBatch.of(2, 2, x, y);
        String name = loss.name();
        assertThatThrownBy(() -> loss.evaluate(b, new double[2], new double[4])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ": prediction of example 1, output 1 is " + bad + "; " + name + " needs " + domain
                        + tail(spec));
        // the same value in a masked output (padding) is accepted, and counts for nothing
        double[] v = new double[2];
        loss.evaluate(b.withOutputMask(new double[] {1, 1, 1, 0}), v, new double[4]);
        assertThat(v[1]).isFinite();
    }

    /** The advice each message ends with, after the domain. */
    private static String tail(String spec) {
        if (spec.startsWith("binary")) {
            return " (use a sigmoid output, or fromLogits=true on logits)";
        }
        if (spec.startsWith("categorical")) {
            return " (use a softmax output, or softmax_cross_entropy on logits)";
        }
        if (spec.startsWith("kl")) {
            return " (use a softmax output)";
        }
        if (spec.startsWith("msle")) {
            return " (use an activation such as softplus or ReLU)";
        }
        return " (use a softplus or exp output, or logInput=true)";
    }

    @Test
    void aNaNOrNegativeOutputMaskValueIsRefusedAsANaNWeightIs() {
        LossBatch b = LossBatch.of(2, 2, new double[4], new double[4]);
        assertThatThrownBy(() -> b.withOutputMask(new double[] {1, 1, NAN, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output mask of example 1, output 0 is NaN; mask values must be finite and >= 0");
        assertThatThrownBy(() -> b.withOutputMask(new double[] {1, -1, 1, 1})).hasMessageContaining("example 0, output 1 is -1.0");
        assertThatThrownBy(() -> b.withExampleWeights(new double[] {1, NAN}))
                .hasMessage("example weight 1 is NaN; weights must be finite and >= 0");
        assertThatThrownBy(() -> b.withExampleWeights(new double[] {Double.POSITIVE_INFINITY, 1}))
                .hasMessage("example weight 0 is Infinity; weights must be finite and >= 0");
    }

    /**
     * Barron at d = ±1e200 (scale 1), r = d: the limits worked by hand. α = 1: ρ = √(r² + 1) - 1 = 1e200, ρ' = r/√(r² + 1)
     * = ±1. α = 0 (Cauchy): ρ = log(½ r² + 1) = 400 ln 10 - ln 2, ρ' = 2r/(r² + 2) = 2/r. α = 1.5 (b = ½):
     * ρ = (b/α)((2r²)^{3/4} - 1) = 2^{3/4}/3 · 1e300, ρ' = r (2r²)^{-1/4} = 2^{-1/4} · 1e100. α = -2 (b = 4):
     * ρ = -2 (4/(r² + 4) - 1) = 2 (to rounding), ρ' = 16 r/(r² + 4)² = 0 (underflow).
     */
    @ParameterizedTest
    @CsvSource({"1, 1e200, 1", "0, 920.3408900170584, 2e-200", "1.5, 5.60597610169143e299, 8.408964152537145e99",
        "-2, 2, 0"})
    void barronAtAHugeResidualGivesTheFiniteLimit(double alpha, double value, double slope) {
        for (double sign : new double[] {1, -1}) {
            evaluate("barron(alpha=" + alpha + ")", LossBatch.of(1, 1, new double[] {sign * 1e200}, new double[] {0}));
            // e^{(α/2) l} with l ≈ 921 turns l's rounding into about 1e-13 relative: the conditioning of exp, not an error
            assertThat(values[0]).isCloseTo(value, within(1e-12 * value));
            assertThat(gradient[0]).isCloseTo(sign * slope, within(1e-12 * slope + 1e-300));
        }
    }

    /**
     * cosine_proximity with |x| = 1e200 |y|-sized vectors: parallel vectors give -1 and a gradient of about 0; for
     * orthogonal x = 1e200 e0, y = e1 the value is 0 and the exact gradient -(ŷ - x̂ cos)/|x| = -1e-200 e1.
     */
    @Test
    void cosineProximityAtHugePredictionsGivesTheFiniteAnswer() {
        evaluate("cosine_proximity", LossBatch.of(1, 3, new double[] {1e200, 2e200, 3e200}, new double[] {1, 2, 3}));
        assertThat(values[0]).isCloseTo(-1, within(1e-15));
        for (double g : gradient) {
            assertThat(Math.abs(g)).isLessThan(1e-210);
        }
        evaluate("cosine_proximity", LossBatch.of(1, 2, new double[] {1e200, 0}, new double[] {0, 1}));
        assertThat(Math.abs(values[0])).isEqualTo(0.0);
        assertThat(Math.abs(gradient[0])).isEqualTo(0.0);
        assertThat(gradient[1]).isCloseTo(-1e-200, within(1e-215));
        evaluate("cosine_proximity", LossBatch.of(1, 2, new double[] {3, 4}, new double[] {0, 1e200}));
        assertThat(values[0]).isCloseTo(-0.8, within(1e-15));
        // -(ŷ - x̂ cos)/|x| with ŷ = e1, x̂ = (0.6, 0.8), cos = 0.8: -(-0.48, 0.36)/5
        assertThat(gradient[0]).isCloseTo(0.096, within(1e-15));
        assertThat(gradient[1]).isCloseTo(-0.072, within(1e-15));
    }
}
