package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * {@code u ← η_t · u}, with {@code η_t} the optimiser's learning rate at this step (Optax's
 * {@code scale_by_learning_rate}, without the sign flip: our updates are subtracted). A {@link Chain}
 * fuses it into the pass of the transform before it, so it costs no pass of its own there; elsewhere it is
 * {@link ScaleByFactor}'s pass.
 * Spec: {@code scale_by_lr}.
 */
public final class ScaleByLearningRate extends SpecIdentified implements ScaleByFactor {
    public static final ScaleByLearningRate INSTANCE = new ScaleByLearningRate();

    private ScaleByLearningRate() {
    }

    /** The learning rate of this step. */
    @Override
    public Object coefficients(Step step) {
        return step.learningRate();
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_lr");
    }
}
