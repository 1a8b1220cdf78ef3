package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * Clipping by global norm (Pascanu et al. 2013; Optax {@code clip_by_global_norm}, PyTorch
 * {@code clip_grad_norm_}): {@code u ← u · min(1, max / ‖g‖)}, where {@code ‖g‖} is the L2 norm of
 * the whole incoming gradient, which the adapter supplies through a {@link GradientSummary}.
 * It must therefore come first in a chain. Stateless; sparse and dense steps agree. A gradient
 * with a NaN or infinite entry is left alone (wrap the optimiser in {@code skip_nonfinite} to drop it); finite
 * entries of any size are clipped (the norm is overflow-safe, see {@link GradientSummary}).
 * Spec: {@code clip_by_global_norm(max)}.
 */
public final class ClipByGlobalNorm extends SpecIdentified implements ScaleByFactor {
    private final double max;

    public ClipByGlobalNorm(double max) {
        this.max = max;
    }

    @Override
    public boolean needsGradientSummary() {
        return true;
    }

    /** The factor {@code min(1, max / ‖g‖)} of this step (1 when the norm is not finite). */
    @Override
    public Object coefficients(Step step) {
        return step.gradient().clipFactor(max);
    }

    @Override
    public Spec spec() {
        return Spec.of("clip_by_global_norm").with("max", max);
    }
}
