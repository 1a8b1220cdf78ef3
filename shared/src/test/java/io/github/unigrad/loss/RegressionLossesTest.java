package io.github.unigrad.loss;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hand-worked values, kinks and domains of the regression losses (the expected numbers are worked out in the comments). */
class RegressionLossesTest {
    private static final double TOL = 1e-14;

    /** One example, one output. */
    private static LossResult one(String spec, double x, double y) {
        return Losses.parse(spec).compute(LossBatch.of(1, 1, new double[] {x}, new double[] {y}), true);
    }

    private static void assertOne(String spec, double x, double y, double value, double gradient) {
        LossResult r = one(spec, x, y);
        assertThat(r.values()[0]).as("%s value at x=%s, y=%s", spec, x, y).isCloseTo(value, within(TOL * (1 + Math.abs(value))));
        assertThat(r.gradient()[0]).as("%s gradient at x=%s, y=%s", spec, x, y)
                .isCloseTo(gradient, within(TOL * (1 + Math.abs(gradient))));
    }

    @Test
    void absoluteErrorHasSubgradientZeroAtTheKink() {
        // x = [3, -1], y = [1, 1]: |d| = [2, 2]; l1 sums (4), mae averages (2); sign(d) = [1, -1], mae's is halved
        LossBatch b = LossBatch.of(1, 2, new double[] {3, -1}, new double[] {1, 1});
        assertThat(Losses.l1().compute(b, true).values()).containsExactly(4.0);
        assertThat(Losses.l1().compute(b, true).gradient()).containsExactly(1.0, -1.0);
        assertThat(Losses.mae().compute(b, true).values()).containsExactly(2.0);
        assertThat(Losses.mae().compute(b, true).gradient()).containsExactly(0.5, -0.5);
        assertOne("mae", 2, 2, 0, 0);
    }

    @Test
    void perExampleRmseIsTheRootOfEachExamplesMse() {
        // d = [3, -4]: MSE = (9 + 16)/2 = 12.5, RMSE = √12.5 = 3.5355339059327378;
        // ∂/∂x = d / (K RMSE) = [3, -4] / 7.0710678118654755 = [0.4242640687119285, -0.565685424949238]
        LossResult r = Losses.rmse().compute(LossBatch.of(1, 2, new double[] {3, 0}, new double[] {0, 4}), true);
        assertThat(r.values()[0]).isCloseTo(3.5355339059327378, within(TOL));
        assertThat(r.gradient()).containsExactly(new double[] {0.4242640687119285, -0.565685424949238}, within(TOL));
    }

    @Test
    void perExampleRmseOfOneOutputIsTheAbsoluteError() {
        // √(d²) = |d|, gradient sign(d): per-example RMSE of a single output is MAE, not a batch RMSE
        assertOne("rmse", 5, 2, 3, 1);
        assertOne("rmse", -1.5, 2, 3.5, -1);
        assertOne("rmse", 2, 2, 0, 0);
    }

    @Test
    void batchRmseIsTheRootOfTheBatchMeanWithACoupledGradient() {
        // d = [1 | 3], one output: R = √((1 + 9)/2) = √5 = 2.23606797749979; shares R·1/10 and R·9/10;
        // ∂R/∂x_i = (2 d_i / 2) / (2 R) = d_i / (2√5) = [0.22360679774997896, 0.6708203932499369]
        Loss loss = Losses.batchRmse();
        assertThat(loss.isBatchCoupled()).isTrue();
        LossResult r = loss.compute(LossBatch.of(2, 1, new double[] {1, 3}, new double[] {0, 0}), true);
        assertThat(r.values()).containsExactly(new double[] {0.223606797749979, 2.012461179749811}, within(TOL));
        assertThat(r.value(Reduction.SUM)).isCloseTo(2.23606797749979, within(TOL));
        assertThat(r.gradient()).containsExactly(new double[] {0.22360679774997896, 0.6708203932499369}, within(TOL));
        // example weights [2, 0]: R = √(2·1 / 2) = 1, the masked example's share and gradient are 0;
        // ∂R/∂x_0 = w_0 · 2 d_0 / (2 R W) = 2·2 / (2·1·2) = 1
        LossResult w = loss.compute(LossBatch.of(2, 1, new double[] {1, 3}, new double[] {0, 0})
                .withExampleWeights(new double[] {2, 0}), true);
        assertThat(w.values()).containsExactly(1.0, 0.0);
        assertThat(w.gradient()).containsExactly(1.0, 0.0);
        // zero error: value 0 and the subgradient 0
        assertThat(loss.compute(LossBatch.of(2, 1, new double[] {1, 3}, new double[] {1, 3}), true).gradient())
                .containsExactly(0.0, 0.0);
    }

    @Test
    void mapeIsRelativeToTheTargetAndRejectsAZeroTarget() {
        // y = [2, -4], x = [3, -3]: 100·|1|/2 = 50, 100·|1|/4 = 25, mean 37.5; ∂ = 100 sign(d)/(2|y|) = [25, 12.5]
        LossResult r = Losses.mape().compute(LossBatch.of(1, 2, new double[] {3, -3}, new double[] {2, -4}), true);
        assertThat(r.values()).containsExactly(37.5);
        assertThat(r.gradient()).containsExactly(25.0, 12.5);
        assertOne("mape", 2, 2, 0, 0);
        assertThatThrownBy(() -> Losses.mape().compute(LossBatch.of(2, 2, new double[4], new double[] {1, 1, 1, 0}), false))
                .hasMessageContaining("example 1, output 1 is 0.0").hasMessageContaining("non-zero target");
    }

    @Test
    void msleComparesLogarithms() {
        // x = e - 1, y = 0: log(1 + x) - log(1) = 1, value 1, ∂ = 2·1/(1 + x) = 2/e = 0.7357588823428847
        assertOne("msle", Math.E - 1, 0, 1, 0.7357588823428847);
        assertThatThrownBy(() -> one("msle", 0, -1)).hasMessageContaining("targets > -1");
    }

    @Test
    void huberAndSmoothL1() {
        // huber(δ=1): d = 0.5 → ½·0.25 = 0.125, ∂ = 0.5; d = -3 → 1·(3 - 0.5) = 2.5, ∂ = -1; d = δ → ½, ∂ = 1
        assertOne("huber", 0.5, 0, 0.125, 0.5);
        assertOne("huber", -3, 0, 2.5, -1);
        assertOne("huber", 1, 0, 0.5, 1);
        assertOne("huber", 4, 4, 0, 0);
        // Tribuo's Huber(cost=5): |d| = 7 → 5·7 - ½·25 = 22.5 (Tribuo returns the negated gradient, -5)
        assertOne("huber(delta=5)", 7, 0, 22.5, 5);
        // smooth_l1(β=2): d = 1 → ½·1/2 = 0.25, ∂ = 1/2; d = 3 → 3 - 1 = 2, ∂ = 1; = huber(δ=2)/2
        assertOne("smooth_l1(beta=2)", 1, 0, 0.25, 0.5);
        assertOne("smooth_l1(beta=2)", -3, 0, 2, -1);
        assertOne("huber(delta=2)", -3, 0, 4, -2);
        // β = 0: the absolute error, subgradient 0 at 0
        assertOne("smooth_l1(beta=0)", -3, 0, 3, -1);
        assertOne("smooth_l1(beta=0)", 0, 0, 0, 0);
    }

    @Test
    void logCoshIsStableForLargeErrors() {
        // log cosh 1 = 0.4337808304830271, tanh 1 = 0.7615941559557649; log cosh 1000 = 1000 - log 2 (cosh overflows)
        assertOne("log_cosh", 1, 0, 0.4337808304830271, 0.7615941559557649);
        assertOne("log_cosh", 0, 0, 0, 0);
        assertOne("log_cosh", -1000, 0, 999.3068528194401, -1);
    }

    @Test
    void quantileIsThePinballLossWithOneColumnPerTargetPerQuantile() {
        // τ = 0.9, y = 1: x = 0 → 0.9·1 = 0.9, ∂ = -0.9; x = 2 → (0.9 - 1)(-1) = 0.1, ∂ = 0.1; x = y → 0, ∂ = 0
        assertOne("quantile(quantiles=[0.9])", 0, 1, 0.9, -0.9);
        assertOne("quantile(quantiles=[0.9])", 2, 1, 0.1, 0.1);
        assertOne("quantile(quantiles=[0.9])", 1, 1, 0, 0);
        // quantiles [0.1, 0.9], targets [1, 5], predictions [t0q0.1, t0q0.9, t1q0.1, t1q0.9] = [0, 2, 5, 5]:
        // 0.1·1 + 0.1·1 + 0 + 0 = 0.2; ∂ = [-0.1, 0.1, 0, 0]
        Loss q = Losses.quantile(0.1, 0.9);
        assertThat(q.targetCols(4)).isEqualTo(2);
        LossResult r = q.compute(LossBatch.of(1, 4, new double[] {0, 2, 5, 5}, new double[] {1, 5}, 2), true);
        assertThat(r.values()[0]).isCloseTo(0.2, within(TOL));
        assertThat(r.gradient()).containsExactly(new double[] {-0.1, 0.1, 0, 0}, within(TOL));
    }

    @Test
    void poissonNll() {
        // log input: x = 0, y = 2 → e^0 - 0 = 1, ∂ = 1 - 2 = -1
        assertOne("poisson_nll", 0, 2, 1, -1);
        // rate input, eps 0 (DL4J's LossPoisson): x = 2, y = 2 → 2 - 2 ln 2 = 0.6137056388801094, ∂ = 1 - 2/2 = 0
        assertOne("poisson_nll(logInput=false, eps=0)", 2, 2, 0.6137056388801094, 0);
        // full adds 2 ln 2 - 2 + ½ ln(4π): total ½ ln(4π) = 1.2655121234846454
        assertOne("poisson_nll(logInput=false, eps=0, full=true)", 2, 2, 1.2655121234846454, 0);
        // y = 0 with rate 0: 0 - 0·log 0 = 0 (no NaN)
        assertOne("poisson_nll(logInput=false, eps=0)", 0, 0, 0, 1);
        assertThatThrownBy(() -> one("poisson_nll", 0, -1)).hasMessageContaining("targets >= 0");
    }

    @Test
    void gaussianNll() {
        // predictions [μ | σ²] = [1 | 2], y = 0: ½(ln 2 + 1/2) = 0.5965735902799727; ∂μ = 1/2; ∂σ² = ½(1/2 - 1/4) = 0.125
        LossBatch b = LossBatch.of(1, 2, new double[] {1, 2}, new double[] {0}, 1);
        LossResult raw = Losses.parse("gaussian_nll").compute(b, true);
        assertThat(raw.values()[0]).isCloseTo(0.5965735902799727, within(TOL));
        assertThat(raw.gradient()).containsExactly(new double[] {0.5, 0.125}, within(TOL));
        // full adds ½ ln 2π = 0.9189385332046727
        assertThat(Losses.parse("gaussian_nll(full=true)").compute(b, false).values()[0])
                .isCloseTo(0.5965735902799727 + 0.9189385332046727, within(TOL));
        // log variance s = ln 2: same value; ∂s = ½(1 - d² e^{-s}) = ½(1 - ½) = 0.25
        LossResult log = Losses.parse("gaussian_nll(variance=log)")
                .compute(LossBatch.of(1, 2, new double[] {1, Math.log(2)}, new double[] {0}, 1), true);
        assertThat(log.values()[0]).isCloseTo(0.5965735902799727, within(TOL));
        assertThat(log.gradient()).containsExactly(new double[] {0.5, 0.25}, within(TOL));
        // variance 0 is clamped to eps: μ = y gives ½ ln(1e-6) = -6.907755278982137
        assertThat(Losses.parse("gaussian_nll").compute(LossBatch.of(1, 2, new double[] {3, 0}, new double[] {3}, 1), false)
                .values()[0]).isCloseTo(-6.907755278982137, within(1e-12));
        assertThatThrownBy(() -> Losses.parse("gaussian_nll")
                .compute(LossBatch.of(2, 4, new double[] {0, 0, 1, 1, 0, 0, 1, -0.5}, new double[4], 2), false))
                .hasMessageContaining("variance of example 1, target 1 (prediction column 3) is -0.5");
    }

    @Test
    void cosineProximityIsTheNegatedCosine() {
        // x = [1, 0], y = [1, 1]: -1/√2; ∂ = -(y|x|² - x(y·x)) / (|y||x|³) = -([1, 1] - [1, 0]) / √2 = [0, -1/√2]
        LossResult r = Losses.cosineProximity().compute(LossBatch.of(1, 2, new double[] {1, 0}, new double[] {1, 1}), true);
        assertThat(r.values()[0]).isCloseTo(-0.7071067811865475, within(TOL));
        assertThat(r.gradient()).containsExactly(new double[] {0, -0.7071067811865475}, within(TOL));
        // zero vectors stay finite (the ε clamps): value 0, gradient 0
        LossResult zero = Losses.cosineProximity().compute(LossBatch.of(1, 2, new double[2], new double[] {1, 1}), true);
        assertThat(zero.values()).containsExactly(-0.0);
        assertThat(zero.gradient()).containsExactly(-0.0, -0.0);
    }

    @Test
    void wassersteinIsTheMeanOfLabelTimesScore() {
        // y = [1, -1], x = [2, 3]: (2 - 3)/2 = -0.5; ∂ = y/K = [0.5, -0.5]
        LossResult r = Losses.wasserstein().compute(LossBatch.of(1, 2, new double[] {2, 3}, new double[] {1, -1}), true);
        assertThat(r.values()).containsExactly(-0.5);
        assertThat(r.gradient()).containsExactly(0.5, -0.5);
    }

    @Test
    void tweedieDevianceAndItsLimits() {
        // p = 1 (Poisson): y = 2, μ = 1 → 2(2 ln 2 - 2 + 1) = 0.7725887222397811; ∂ = 2·1^{-1}(1 - 2) = -2
        assertOne("tweedie(power=1)", 1, 2, 0.7725887222397811, -2);
        // p = 2 (gamma): y = 2, μ = 1 → 2(ln ½ + 2 - 1) = 0.6137056388801094; ∂ = 2·1·(1 - 2) = -2
        assertOne("tweedie(power=2)", 1, 2, 0.6137056388801094, -2);
        // p = 0 (normal): (y - μ)² = 1, ∂ = 2(μ - y) = -2
        assertOne("tweedie(power=0)", 1, 2, 1, -2);
        // p = 1.5, y = μ = 1: 2(1/(-0.5·0.5) - 1/(-0.5) + 1/0.5) = 2(-4 + 2 + 2) = 0, ∂ = 0
        assertOne("tweedie", 1, 1, 0, 0);
        // p = 1.5, y = 0, μ = 4: 2·4^{0.5}/0.5 = 8, ∂ = 2·4^{-1.5}·4 = 1
        assertOne("tweedie", 4, 0, 8, 1);
        assertThatThrownBy(() -> one("tweedie", 0, 1)).hasMessageContaining("prediction of example 0, output 0 is 0.0")
                .hasMessageContaining("positive mean");
        assertThatThrownBy(() -> one("tweedie", 1, -1)).hasMessageContaining("targets >= 0 for power 1.5");
        assertThatThrownBy(() -> one("tweedie(power=3)", 1, 0)).hasMessageContaining("targets > 0 for power 3");
    }

    @Test
    void barronAtItsNamedShapes() {
        // α = 1 (pseudo-Huber), d = 1, c = 1: √2 - 1; ∂ = d (d² + 1)^{-1/2} = 1/√2
        assertOne("barron", 1, 0, 0.41421356237309515, 0.7071067811865476);
        // α = 0 (Cauchy), d = 2: ln(½·4 + 1) = ln 3; ∂ = 2/(½·4 + 1) = 2/3
        assertOne("barron(alpha=0)", 2, 0, 1.0986122886681098, 2.0 / 3);
        // α = 2 (L2), d = 2: ½·4 = 2, ∂ = 2
        assertOne("barron(alpha=2)", 2, 0, 2, 2);
        // α = -inf (Welsch), d = 2: 1 - e^{-2} = 0.8646647167633873; ∂ = 2 e^{-2} = 0.2706705664732254
        assertOne("barron(alpha=-inf)", 2, 0, 0.8646647167633873, 0.2706705664732254);
        // α = -2 (Geman–McClure), d = 2: (4/-2)((4/4 + 1)^{-1} - 1) = -2(½ - 1) = 1; ∂ = 2·(2)^{-2} = 0.5
        assertOne("barron(alpha=-2)", 2, 0, 1, 0.5);
        // scale: d = 2, c = 2 is d = 1, c = 1 with the gradient divided by c
        assertOne("barron(scale=2)", 2, 0, 0.41421356237309515, 0.7071067811865476 / 2);
    }

    @Test
    void barronIsContinuousInAlphaAtItsSpecialCases() {
        for (double alpha : new double[] {0, 2}) {
            for (double d : new double[] {0.1, 1, 3}) {
                double at = one("barron(alpha=" + alpha + ")", d, 0).values()[0];
                double near = one("barron(alpha=" + (alpha + 1e-7) + ")", d, 0).values()[0];
                assertThat(near).as("alpha %s, d %s", alpha, d).isCloseTo(at, within(1e-6 * (1 + at)));
            }
        }
        assertThat(one("barron(alpha=-1e6)", 2, 0).values()[0]).isCloseTo(0.8646647167633873, within(1e-5));
    }

    @Test
    void maskedOutputsAndMaskedPaddingAreIgnored() {
        // hinge padding in a masked time step may hold 0 (not ±1): it is neither checked nor counted
        LossBatch b = LossBatch.of(1, 2, new double[] {0.5, 7}, new double[] {1, 0}).withOutputMask(new double[] {1, 0});
        LossResult r = Losses.hinge(1).compute(b, true);
        assertThat(r.values()).containsExactly(0.5);
        assertThat(r.gradient()).containsExactly(-1.0, 0.0);
    }
}
