package io.github.unigrad.loss;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecException;
import io.github.unigrad.spec.SpecParser;
import io.github.unigrad.testing.FiniteDifferences;
import io.github.unigrad.testing.RandomBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties every loss of the catalogue must have: gradients that match central differences (with example
 * weights, one of them 0, and output masks), canonical specs that round-trip, hyperparameters checked at
 * parse time, shapes checked, masked examples ignored.
 */
class LossCatalogueTest {

    /** Every differentiable configuration worth checking, with a number of prediction columns that suits it. */
    static Stream<Arguments> differentiable() {
        return Stream.of(
                Arguments.of("softmax_cross_entropy", 3),
                Arguments.of("softmax_cross_entropy(weights=[1, 2, 0.5], labelSmoothing=0.1, ignoreIndex=-1)", 3),
                Arguments.of("categorical_cross_entropy", 3),
                Arguments.of("categorical_cross_entropy(clip=0, weights=[0.5, 1, 3])", 3),
                Arguments.of("binary_cross_entropy", 3),
                Arguments.of("binary_cross_entropy(posWeight=2.5, labelSmoothing=0.2, weights=[1, 0.5, 2])", 3),
                Arguments.of("binary_cross_entropy(fromLogits=false, clip=1e-5)", 3),
                Arguments.of("log_loss(fromLogits=false, posWeight=0.5, labelSmoothing=0.1)", 2),
                Arguments.of("mse", 3),
                Arguments.of("l2(weights=[1, 0, 2])", 3),
                Arguments.of("mae", 3),
                Arguments.of("l1(weights=[0.5, 2, 1])", 3),
                Arguments.of("rmse", 3),
                Arguments.of("rmse(weights=[2, 1, 0.5])", 3),
                Arguments.of("batch_rmse", 3),
                Arguments.of("batch_rmse(weights=[1, 3])", 2),
                Arguments.of("mape", 3),
                Arguments.of("msle(weights=[1, 2])", 2),
                Arguments.of("huber(delta=0.5)", 3),
                Arguments.of("huber", 3),
                Arguments.of("smooth_l1(beta=0.7)", 3),
                Arguments.of("smooth_l1(beta=0)", 3),
                Arguments.of("log_cosh", 3),
                Arguments.of("quantile", 2),
                Arguments.of("quantile(quantiles=[0.1, 0.5, 0.9], weights=[1, 1, 1, 2, 2, 2])", 6),
                Arguments.of("hinge", 3),
                Arguments.of("squared_hinge(margin=0.5)", 3),
                Arguments.of("multiclass_hinge", 4),
                Arguments.of("multiclass_hinge(margin=2)", 4),
                Arguments.of("multi_margin", 4),
                Arguments.of("multi_margin(p=2, margin=0.5, weights=[1, 2, 0.5, 3])", 4),
                Arguments.of("multi_margin(margin=2, weights=[0.5, 1, 2, 0])", 4),
                Arguments.of("binary_cross_entropy(posWeight=[0.5, 3, 1], fromLogits=false)", 3),
                Arguments.of("multilabel_hinge(margin=1.5)", 3),
                Arguments.of("focal", 3),
                Arguments.of("focal(gamma=0.5, alpha=-1)", 3),
                Arguments.of("focal(gamma=0, alpha=0.75)", 3),
                Arguments.of("softmax_focal", 3),
                Arguments.of("softmax_focal(gamma=1.5, weights=[0.25, 1, 2])", 3),
                Arguments.of("softmax_focal(gamma=0.5)", 4),
                Arguments.of("kl_divergence", 3),
                Arguments.of("kl_divergence(logTarget=true)", 3),
                Arguments.of("kl_divergence(clip=1e-5, weights=[1, 2, 3])", 3),
                Arguments.of("poisson_nll", 3),
                Arguments.of("poisson_nll(logInput=false, eps=0, full=true)", 3),
                Arguments.of("gaussian_nll", 4),
                Arguments.of("gaussian_nll(variance=log, full=true, weights=[2, 0.5])", 4),
                Arguments.of("cosine_proximity", 4),
                Arguments.of("wasserstein", 3),
                Arguments.of("tweedie", 3),
                Arguments.of("tweedie(power=0)", 3),
                Arguments.of("tweedie(power=1)", 3),
                Arguments.of("tweedie(power=2)", 3),
                Arguments.of("tweedie(power=3)", 3),
                Arguments.of("tweedie(power=-1)", 3),
                Arguments.of("barron", 3),
                Arguments.of("barron(alpha=0)", 3),
                Arguments.of("barron(alpha=2, scale=0.5)", 3),
                Arguments.of("barron(alpha=-inf, scale=2)", 3),
                Arguments.of("barron(alpha=inf, scale=3)", 3),
                Arguments.of("barron(alpha=-2, scale=0.7)", 3),
                Arguments.of("barron(alpha=5)", 3),
                Arguments.of("barron(alpha=1.999)", 3),
                Arguments.of("huber(outputs=mean)", 3),
                Arguments.of("smooth_l1(beta=0.5, outputs=mean, weights=[1, 2, 0.5])", 3),
                Arguments.of("log_cosh(outputs=mean)", 3),
                Arguments.of("hinge(labels=auto, outputs=mean)", 3),
                Arguments.of("squared_hinge(labels=auto, weights=[1, 2, 0.5])", 3),
                Arguments.of("multilabel_hinge(outputs=mean)", 3),
                Arguments.of("binary_cross_entropy(fromLogits=false, clip=1e-7, outputs=mean)", 3),
                Arguments.of("poisson_nll(logInput=false, eps=1e-7, outputs=mean)", 3),
                Arguments.of("kl_divergence(clip=1e-7, outputs=mean)", 3),
                Arguments.of("categorical_cross_entropy(clip=1e-7, outputs=mean)", 3),
                Arguments.of("focal(gamma=2, alpha=-1, fromLogits=false, clip=1e-7, outputs=mean)", 3),
                Arguments.of("focal(gamma=0.5, alpha=0.25, fromLogits=false)", 3),
                Arguments.of("categorical_hinge", 4),
                Arguments.of("categorical_hinge(margin=0.5)", 3),
                Arguments.of("categorical_focal", 3),
                Arguments.of("categorical_focal(gamma=0.5, alpha=1, clip=0, weights=[1, 2, 0.5], outputs=mean)", 3));
    }

    static Stream<String> classIndexSpecs() {
        return Stream.of("softmax_cross_entropy", "softmax_cross_entropy(weights=[1, 2, 0.5], labelSmoothing=0.3,"
                + " ignoreIndex=1)", "softmax_focal(gamma=2, weights=[1, 0.5, 2])", "multiclass_hinge(margin=0.5)",
                "multi_margin(p=2, weights=[2, 1, 0.5])", "multi_margin(margin=0.7)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void gradientMatchesCentralDifferencesWithWeightsAndMasks(String spec, int cols) {
        Loss loss = Losses.parse(spec);
        Random rnd = new Random(spec.hashCode());
        for (int trial = 0; trial < 3; trial++) {
            LossBatch b = RandomBatches.of(loss, 5, cols, rnd).withExampleWeights(RandomBatches.exampleWeights(5, rnd));
            if (loss.supportsOutputMask()) {
                b = b.withOutputMask(RandomBatches.outputMask(b, rnd));
            }
            FiniteDifferences.assertGradientMatches(loss, b, 1e-6, 1e-6, 1e-8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classIndexSpecs")
    void gradientMatchesCentralDifferencesWithClassIndices(String spec) {
        Loss loss = Losses.parse(spec);
        Random rnd = new Random(spec.hashCode());
        for (int trial = 0; trial < 3; trial++) {
            LossBatch b = RandomBatches.of(loss, 6, 3, true, rnd).withExampleWeights(RandomBatches.exampleWeights(6, rnd));
            FiniteDifferences.assertGradientMatches(loss, b, 1e-6, 1e-6, 1e-8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fromLogits")
    void logitsOfTenThousandGiveFiniteValuesAndGradientsThatMatchDifferences(String spec) {
        Loss loss = Losses.parse(spec);
        Random rnd = new Random(spec.hashCode());
        LossBatch b = RandomBatches.of(loss, 6, 3, rnd);
        double[] x = b.predictions();
        for (int k = 0; k < x.length; k++) {
            if (k % 2 == 0) {
                x[k] = rnd.nextBoolean() ? 1e4 : -1e4;
            }
        }
        LossResult r = loss.compute(b, true);
        assertThat(Arrays.stream(r.values()).allMatch(Double::isFinite)).as("finite values").isTrue();
        assertThat(Arrays.stream(r.gradient()).allMatch(Double::isFinite)).as("finite gradient").isTrue();
        // values reach 1e4 there, so the differences' rounding error is about 1e-16·1e4/h
        FiniteDifferences.assertGradientMatches(loss, b, 1e-4, 1e-6, 1e-6);
    }

    static Stream<String> fromLogits() {
        return Stream.of("softmax_cross_entropy", "softmax_cross_entropy(weights=[1, 2, 3], labelSmoothing=0.2)",
                "binary_cross_entropy", "binary_cross_entropy(posWeight=3, labelSmoothing=0.1)",
                "binary_cross_entropy(posWeight=[0.5, 2, 4])", "focal",
                "focal(gamma=0.5, alpha=-1)", "softmax_focal", "softmax_focal(gamma=0.7)");
    }

    /** The configurations whose examples are independent (batch_rmse's weights also enter its denominator). */
    static Stream<Arguments> perExample() {
        return differentiable().filter(a -> !Losses.parse((String) a.get()[0]).isBatchCoupled());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perExample")
    void exampleWeightsScaleValuesAndGradients(String spec, int cols) {
        Loss loss = Losses.parse(spec);
        Random rnd = new Random(7);
        LossBatch plain = RandomBatches.of(loss, 4, cols, rnd);
        double[] w = {0.5, 2, 1, 3};
        LossResult a = loss.compute(plain, true);
        LossResult b = loss.compute(plain.withExampleWeights(w), true);
        for (int i = 0; i < 4; i++) {
            assertThat(b.values()[i]).isCloseTo(w[i] * a.values()[i], within(1e-12 * (1 + Math.abs(a.values()[i]))));
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                assertThat(b.gradient()[k]).isCloseTo(w[i] * a.gradient()[k], within(1e-12 * (1 + Math.abs(a.gradient()[k]))));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void aWeightZeroExampleIsNotEvaluatedEvenWithGarbage(String spec, int cols) {
        Loss loss = Losses.parse(spec);
        LossBatch good = RandomBatches.of(loss, 3, cols, new Random(3));
        double[] x = good.predictions().clone();
        double[] y = good.targets().clone();
        Arrays.fill(x, 0, cols, Double.NaN);
        Arrays.fill(y, 0, good.targetCols(), Double.NaN);
        LossBatch b = LossBatch.of(3, cols, x, y, good.targetCols()).withExampleWeights(new double[] {0, 1, 1});
        LossResult r = loss.compute(b, true);
        assertThat(r.values()[0]).isZero();
        assertThat(Arrays.copyOfRange(r.gradient(), 0, cols)).containsOnly(0.0);
        assertThat(Arrays.stream(r.values()).allMatch(Double::isFinite)).as("finite values").isTrue();
        assertThat(Arrays.stream(r.gradient()).allMatch(Double::isFinite)).as("finite gradient").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void canonicalSpecRoundTrips(String spec, int cols) {
        Loss loss = Losses.parse(spec);
        String canonical = loss.spec().toString();
        Loss again = Losses.parse(canonical);
        assertThat(again).isEqualTo(loss);
        assertThat(again.spec().toString()).isEqualTo(canonical);
        assertThat(again.hashCode()).isEqualTo(loss.hashCode());
    }

    /** Every catalogue name with its defaults (multitask needs its tasks, so it gets a minimal configuration). */
    static Stream<String> everyName() {
        return Losses.names().stream().map(n -> n.equals("multitask") ? "multitask(losses=[mse], columns=[1])" : n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyName")
    void everyCatalogueEntryRoundTripsWithAllItsDefaultsPrinted(String spec) {
        Loss loss = Losses.parse(spec);
        String canonical = loss.toString();
        assertThat(Losses.parse(canonical)).isEqualTo(loss);
        assertThat(canonical).startsWith(SpecParser.parse(spec).name() + "(");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyName")
    void unknownKeysAreRejectedListingTheValidOnes(String spec) {
        Spec s = Losses.parse(spec).spec().with("bogus", 1);
        assertThatThrownBy(() -> Losses.build(s)).isInstanceOf(SpecException.class)
                .hasMessageContaining("unknown key bogus").hasMessageContaining("valid keys");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyName")
    void everyRealHyperparameterRejectsNan(String spec) {
        Spec canonical = Losses.parse(spec).spec();
        for (Map.Entry<String, Object> e : canonical.named().entrySet()) {
            Spec withNan;
            if (e.getValue() instanceof Double) {
                withNan = canonical.with(e.getKey(), Double.NaN);
            } else if (e.getValue() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Double) {
                withNan = canonical.with(e.getKey(), List.of(Double.NaN));
            } else {
                continue;
            }
            assertThatThrownBy(() -> Losses.build(withNan)).as(withNan.toString()).isInstanceOf(SpecException.class)
                    .hasMessageContaining(e.getKey()).hasMessageContaining("nan");
        }
    }

    @Test
    void unknownNamesListEveryValidName() {
        assertThatThrownBy(() -> Losses.parse("hubber(delta=1)")).isInstanceOf(SpecException.class)
                .hasMessageContaining("unknown loss 'hubber'").hasMessageContaining("huber")
                .hasMessageContaining("softmax_cross_entropy").hasMessageContaining("multitask");
    }

    @Test
    void outOfRangeHyperparametersNameTheRange() {
        assertThatThrownBy(() -> Losses.parse("huber(delta=0)")).hasMessageContaining("delta = 0")
                .hasMessageContaining("(0, inf)");
        assertThatThrownBy(() -> Losses.parse("quantile(quantiles=[0.5, 1])")).hasMessageContaining("quantiles[1] = 1")
                .hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> Losses.parse("focal(alpha=-0.5)")).hasMessageContaining("-1 for no class weighting");
        assertThatThrownBy(() -> Losses.parse("tweedie(power=0.5)")).hasMessageContaining("(-inf, 0] or [1, inf)");
        assertThatThrownBy(() -> Losses.parse("binary_cross_entropy(clip=1e-5)"))
                .hasMessageContaining("applies only to probabilities");
        assertThatThrownBy(() -> Losses.parse("gaussian_nll(variance=std)"))
                .hasMessageContaining("valid values: raw, log");
        assertThatThrownBy(() -> Losses.parse("softmax_cross_entropy(labelSmoothing=1.5)"))
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Losses.parse("softmax_cross_entropy(ignoreIndex=0.5)"))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> Losses.parse("mse(weights=[1, -1])")).hasMessageContaining("weights[1] = -1");
        assertThatThrownBy(() -> Losses.parse("hinge(weights=[])")).hasMessageContaining("weights = [] is empty");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void targetsOfTheWrongWidthAreRejected(String spec, int cols) {
        Loss loss = Losses.parse(spec);
        int wrong = loss.targetCols(cols) + 1;
        LossBatch b = LossBatch.of(2, cols, new double[2 * cols], new double[2 * wrong], wrong);
        assertThatThrownBy(() -> loss.compute(b, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(loss.name()).hasMessageContaining("target column");
    }

    @Test
    void batchShapesAreChecked() {
        assertThatThrownBy(() -> LossBatch.of(2, 3, new double[5], new double[6])).hasMessageContaining("expected 6");
        LossBatch b = LossBatch.of(2, 2, new double[4], new double[4]);
        assertThatThrownBy(() -> Losses.mse().evaluate(b, new double[1], null)).hasMessageContaining("one slot per example");
        assertThatThrownBy(() -> Losses.mse().evaluate(b, new double[2], new double[3])).hasMessageContaining("rows x cols");
        assertThatThrownBy(() -> Losses.parse("mse(weights=[1, 2, 3])").compute(b, false))
                .hasMessageContaining("3 output weights but the batch has 2 output columns");
        assertThatThrownBy(() -> Losses.parse("softmax_cross_entropy(weights=[1, 2, 3])").compute(b, false))
                .hasMessageContaining("3 class weights but the batch has 2 class columns");
        assertThatThrownBy(() -> Losses.softmaxCrossEntropy().compute(b.withOutputMask(new double[] {1, 1, 0, 1}), true))
                .hasMessageContaining("cannot be masked");
        assertThatThrownBy(() -> Losses.parse("quantile(quantiles=[0.1, 0.5, 0.9])").compute(b, false))
                .hasMessageContaining("multiple of 3");
        LossBatch odd = LossBatch.of(1, 3, new double[3], new double[1], 1);
        assertThatThrownBy(() -> Losses.parse("gaussian_nll").compute(odd, false)).hasMessageContaining("even number");
    }

    @Test
    void everyCatalogueNameHasATypedFactoryGivingTheSameLoss() {
        assertThat(List.of(Losses.zeroOne(0.5), Losses.softmaxCrossEntropy(), Losses.softmaxCrossEntropy(null, 0, -1),
                Losses.categoricalCrossEntropy(1e-10), Losses.binaryCrossEntropy(),
                Losses.binaryCrossEntropy(true, 1, 0, 0), Losses.mse(), Losses.l2(), Losses.mae(), Losses.l1(),
                Losses.rmse(), Losses.batchRmse(), Losses.mape(), Losses.msle(), Losses.huber(1), Losses.smoothL1(1),
                Losses.logCosh(), Losses.quantile(0.5), Losses.hinge(1), Losses.squaredHinge(1),
                Losses.multiclassHinge(1), Losses.categoricalHinge(1), Losses.multiMargin(1, 1, null),
                Losses.multilabelHinge(1), Losses.focal(2, 0.25), Losses.softmaxFocal(2), Losses.categoricalFocal(2, 0.25, 1e-7),
                Losses.klDivergence(false, 0), Losses.poissonNll(true, 1e-8, false),
                Losses.gaussianNll(GaussianNll.Variance.RAW, 1e-6, false), Losses.cosineProximity(),
                Losses.wasserstein(), Losses.tweedie(1.5), Losses.barron(1, 1)))
                .extracting(Loss::toString)
                .containsExactlyInAnyOrderElementsOf(Losses.names().stream().filter(n -> !n.equals("multitask"))
                        .flatMap(n -> n.equals("softmax_cross_entropy") || n.equals("binary_cross_entropy")
                                ? Stream.of(n, n) : Stream.of(n))
                        .map(n -> Losses.parse(n).toString()).toList());
        assertThat(Losses.multitask(List.of(Losses.mse(), Losses.hinge(1)), new int[] {1, 2}, new double[] {1, 0.5}))
                .isEqualTo(Losses.parse("multitask(losses=[mse, hinge], columns=[1, 2], weights=[1, 0.5])"));
        assertThatThrownBy(() -> Losses.huber(Double.NaN)).isInstanceOf(SpecException.class);
    }

    @Test
    void logLossIsAnAliasPrintingTheCanonicalName() {
        assertThat(Losses.parse("log_loss")).isEqualTo(Losses.binaryCrossEntropy());
        assertThat(Losses.parse("log_loss").toString())
                .isEqualTo("binary_cross_entropy(fromLogits=true, posWeight=1, clip=0, labelSmoothing=0)");
    }
}
