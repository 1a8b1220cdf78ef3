package io.github.unigrad.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.AbstractSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sparse linear models in Tribuo: {@code LinearSGDTrainer} with {@code ftrl(l1=...)} and with a chain
 * ending in {@code prox_l1} trains on sparse data whose label depends on 100 of its 1000 features,
 * with many weights exactly 0 where AdaGrad's are all non-zero (training accuracy; the measurement
 * with a held-out set is {@code io.github.unigrad.bench.SparseModels} in integration-tests).
 */
class SparseModelsTest {
    private static final Dataset<Label> DATA = SyntheticData.classification(5L, 2000, 1000, 30, 2, 100);

    private record Trained(double accuracy, double zeroFraction) {
    }

    private static Trained train(String optimiser) {
        Model<Label> model = new LinearSGDTrainer(new LogMulticlass(), new UnigradOptimiser(optimiser), 5, 1L).train(DATA);
        double accuracy = new LabelEvaluator().evaluate(model, DATA).accuracy();
        long zeros = 0;
        long all = 0;
        for (Tensor t : ((AbstractSGDModel<?>) model).getModelParameters().get()) {
            for (double[] row : ((DenseMatrix) t).toArray()) {
                for (double w : row) {
                    zeros += w == 0 ? 1 : 0;
                    all++;
                }
            }
        }
        Trained trained = new Trained(accuracy, (double) zeros / all);
        return trained;
    }

    @Test
    void ftrlAndProxL1TrainSparseModels() {
        Trained adagrad = train("adagrad(lr=0.1)");
        Trained ftrl = train("ftrl(lr=0.1, l1=10)");
        Trained prox = train("chain(transforms=[scale_by_adagrad(), scale_by_lr, prox_l1(l1=1e-3)], lr=0.1)");
        assertThat(adagrad.accuracy()).isGreaterThan(0.95);
        assertThat(adagrad.zeroFraction()).isLessThan(0.01);
        assertThat(ftrl.accuracy()).isGreaterThan(adagrad.accuracy() - 0.05);
        assertThat(ftrl.zeroFraction()).isGreaterThan(0.4);
        assertThat(prox.accuracy()).isGreaterThan(0.8);
        assertThat(prox.zeroFraction()).isGreaterThan(0.2);
    }
}
