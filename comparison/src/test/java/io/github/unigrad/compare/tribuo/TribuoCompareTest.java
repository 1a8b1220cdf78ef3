package io.github.unigrad.compare.tribuo;

import io.github.unigrad.compare.ComparisonResult;
import io.github.unigrad.compare.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaDelta;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.math.optimisers.RMSProp;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.objectives.AbsoluteLoss;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TribuoCompare} on trainers and data made here: the twins of Tribuo's objectives and optimisers,
 * configured with numbers other than the defaults, reach parity (so the mapping reads each component's own
 * configuration); Adam, defective in 4.3.2, is compared without a parity claim; named variants run.
 */
class TribuoCompareTest {

    static MutableDataset<Label> labels(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("made here", new LabelFactory()),
                new LabelFactory());
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            double[] x = new double[3];
            for (int j = 0; j < 3; j++) {
                x[j] = (j == k ? 2.0 : 0.0) + r.nextGaussian();
            }
            d.add(new ArrayExample<>(new Label("c" + k), new String[] {"a", "b", "c"}, x));
        }
        return d;
    }

    static MutableDataset<Regressor> values(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MutableDataset<Regressor> d = new MutableDataset<>(new SimpleDataSourceProvenance("made here", new RegressionFactory()),
                new RegressionFactory());
        for (int i = 0; i < rows; i++) {
            double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            d.add(new ArrayExample<>(new Regressor("y", 0.5 * x[0] - x[1] + x[0] * x[2] + 0.1 * r.nextGaussian()),
                    new String[] {"a", "b", "c"}, x));
        }
        return d;
    }

    static Stream<Arguments> optimisers() {
        return Stream.of(SGD.getSimpleSGD(0.05), SGD.getSimpleSGD(0.02, 0.8, SGD.Momentum.STANDARD),
                SGD.getSimpleSGD(0.02, 0.7, SGD.Momentum.NESTEROV), SGD.getLinearDecaySGD(0.2), SGD.getSqrtDecaySGD(0.1),
                new AdaGrad(0.2, 0.05), new RMSProp(0.02, 0.8, 1e-6, 0.01), new AdaDelta(0.9, 1e-5),
                new ParameterAveraging(SGD.getSimpleSGD(0.03))).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("optimisers")
    void everyOptimiserTwinReachesParity(StochasticGradientOptimiser optimiser) {
        Results r = TribuoCompare.of(new LinearSGDTrainer(new LogMulticlass(), optimiser, 2, 11))
                .data(labels(60, 1), null).twins().run();
        ComparisonResult twins = r.variant(TribuoCompare.TWINS);
        assertThat(twins.status()).as(r.toString()).isEqualTo("parity ok");
        assertThat(twins.comparison().note()).contains(TribuoTwins.optimiser(optimiser).orElseThrow());
    }

    @Test
    void hingeAndTheRegressionObjectivesReachParityOnLinearAndFmTrainers() {
        Results hinge = TribuoCompare.of(new LinearSGDTrainer(new Hinge(), new AdaGrad(0.1, 0.1), 2, 3))
                .data(labels(60, 2), labels(30, 3)).twins().run();
        assertThat(hinge.variant(TribuoCompare.TWINS).status()).as(hinge.toString()).isEqualTo("parity ok");
        assertThat(hinge.variant(TribuoCompare.TWINS).comparison().note()).contains("multiclass_hinge(margin=1");
        // Tribuo's Hinge(m) steps by m times the gradient of multiclass_hinge(margin=m): no twin, kept and said
        Results scaled = TribuoCompare.of(new LinearSGDTrainer(new Hinge(0.5), new AdaGrad(0.1, 0.1), 2, 3))
                .data(labels(60, 2), null).twins().run();
        ComparisonResult kept = scaled.variant(TribuoCompare.TWINS);
        assertThat(kept.comparison().note()).contains("Kept (no twin): Hinge");
        assertThat(kept.comparison().expectsParity()).isFalse();
        for (var objective : java.util.List.of(new SquaredLoss(), new AbsoluteLoss(), new Huber(0.7))) {
            Results r = TribuoCompare.of(new FMRegressionTrainer(objective, SGD.getSimpleSGD(0.02), 2, 100, 1, 5, 2, 0.1, false))
                    .data(values(60, 4), values(20, 5)).twins().run();
            ComparisonResult twins = r.variant(TribuoCompare.TWINS);
            assertThat(twins.status()).as(r.toString()).isEqualTo("parity ok");
            assertThat(twins.builtIn().metrics().isClassification()).isFalse();
        }
    }

    @Test
    void tribuosDefectiveAdamIsComparedWithoutAParityClaim() {
        Results r = TribuoCompare.of(new LinearSGDTrainer(new LogMulticlass(), new Adam(0.01, 0.9, 0.999, 1e-8), 2, 1))
                .data(labels(60, 6), null).twins().run();
        ComparisonResult twins = r.variant(TribuoCompare.TWINS);
        assertThat(twins.comparison().expectsParity()).isFalse();
        assertThat(twins.status()).isEqualTo("compared");
        assertThat(twins.comparison().note()).contains("multiplies");
    }

    @Test
    void namedVariantsRunAndPrint() {
        Results r = TribuoCompare.of(new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 3, 7))
                .data(labels(90, 8), labels(30, 9)).dataName("blobs made here")
                .twins().loss("softmax_focal(gamma=2)").optimiser("adamw(lr=0.05, weightDecay=0.01)").run();
        assertThat(r.results()).hasSize(3);
        ComparisonResult focal = r.variant("softmax_focal(gamma=2)");
        assertThat(focal.ours().lossPerEpoch()).hasSize(3);
        assertThat(focal.ours().metrics().accuracy()).isBetween(0.5, 1.0);
        assertThat(focal.maxParameterDifference()).isGreaterThan(1e-6);
        assertThat(focal.builtIn()).isSameAs(r.variant(TribuoCompare.TWINS).builtIn());
        assertThat(r.toString()).contains("blobs made here", "parity ok", "softmax_focal").doesNotContain("[D@");
    }
}
