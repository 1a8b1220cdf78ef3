package io.github.unigrad.compare.tribuo;

import io.github.unigrad.compare.Meter;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.StochasticGradientOptimiser;

/**
 * One Tribuo model to train: the trainer kind, its objective (a {@code LabelObjective} for
 * classification, a {@code RegressionObjective} for regression), its optimiser, and the meter that
 * measures its training loss.
 */
public record TribuoSetup(ModelKind kind, SGDObjective<?> objective, StochasticGradientOptimiser optimiser, Meter meter) {

    public TribuoSetup withOptimiser(StochasticGradientOptimiser o) {
        return new TribuoSetup(kind, objective, o, meter);
    }
}
