package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The split DL4J needs: an optimiser with weight decay equals the optimiser without it plus the
 * term DL4J applies itself ({@code WeightDecay(λ, applyLR=true)}: {@code + η_t λ θ} after the
 * updater; {@code L2Regularization(λ)}: {@code + λ θ} on the gradient before it).
 */
class WeightDecaySplitTest {
    static final double[] THETA = {0.5, -1.5, 2.0, 0.0};

    static double[] gradient(int i) {
        return new double[] {Math.sin(i), Math.cos(2 * i), 0.3 - 0.1 * i, -0.2};
    }

    @ParameterizedTest
    @ValueSource(strings = {"adamw(lr=cosine(0.01, steps=10), weightDecay=0.1)", "lion(lr=0.01, weightDecay=0.3)",
            "pegasos(lr=0.5, lambda=0.1)", "chain(transforms=[scale_by_rms(), add_decayed_weights(0.2), scale_by_lr], lr=0.1)"})
    void decoupledDecayIsTheRestPlusLearningRateTimesLambdaTheta(String spec) {
        Optimiser full = Optimisers.parse(spec);
        Optimiser.WeightDecaySplit split = full.splitWeightDecay().orElseThrow();
        assertThat(split.decoupled()).isTrue();
        assertThat(split.rest().needsParameters()).isFalse();
        assertThat(split.rest().slabs()).isEqualTo(full.slabs());
        Run a = new Run(full, THETA);
        Run b = new Run(split.rest(), THETA);
        for (int i = 0; i < 6; i++) {
            double lr = full.learningRate(i);
            double[] theta = b.theta.clone();
            double[] ua = a.step(gradient(i));
            double[] ub = b.step(gradient(i));
            for (int j = 0; j < THETA.length; j++) {
                // DL4J adds lr * coeff * param to the updater's output, then subtracts the sum
                double expected = ub[j] + lr * split.coefficient() * theta[j];
                b.theta[j] = theta[j] - expected;
                assertThat(ua[j]).as("%s step %d entry %d", spec, i, j).isCloseTo(expected, within(1e-15 * (1 + Math.abs(expected))));
            }
        }
    }

    @Test
    void l2OnTheGradientIsTheRestOfTheDecayedGradient() {
        Optimiser full = Optimisers.parse("sgd(lr=0.1, momentum=0.9, weightDecay=0.05)");
        Optimiser.WeightDecaySplit split = full.splitWeightDecay().orElseThrow();
        assertThat(split.decoupled()).isFalse();
        assertThat(split.coefficient()).isEqualTo(0.05);
        Run a = new Run(full, THETA);
        Run b = new Run(split.rest(), THETA);
        for (int i = 0; i < 6; i++) {
            double[] g = gradient(i);
            double[] l2 = g.clone();
            for (int j = 0; j < g.length; j++) {
                l2[j] += 0.05 * b.theta[j];
            }
            a.step(g);
            b.step(l2);
        }
        assertThat(a.theta).containsExactly(b.theta);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "schedule_free_adamw(weightDecay=0.1)", "averaging(adamw)", "adamw(weightDecay=0)",
            "chain(transforms=[add_decayed_weights(0.1), scale_by_adam(), add_decayed_weights(0.1), scale_by_lr])",
            "chain(transforms=[scale_by_adam(), add_decayed_weights(0.1)])"})
    void nothingToSplitOrNotOneTerm(String spec) {
        assertThat(Optimisers.parse(spec).splitWeightDecay()).isEmpty();
    }
}
