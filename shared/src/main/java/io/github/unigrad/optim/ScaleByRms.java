package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * RMSProp's direction (Tieleman and Hinton, Lecture 6.5, 2012; centred form from Graves,
 * "Generating Sequences With Recurrent Neural Networks", 2013, eq. 38-40):
 * <pre>
 *   v ← α v + (1-α) g²
 *   u = g / (√v + ε)                       (plain)
 *   m ← α m + (1-α) g;  u = g / (√(v - m²) + ε)   (centered=true)
 * </pre>
 * with v starting at {@code initialAccumulator} ({@link ScaleBySquares}'s kernel). ε outside the square
 * root, as PyTorch, DL4J and Tribuo; DL4J starts v at ε ({@code initialAccumulator=1e-8}). RMSProp with
 * momentum is this followed by {@code trace} (PyTorch's {@code momentum}). State: slab 0 is v, slab 1
 * (centred) m.
 *
 * <p>Sparse (lazy) form: only the listed parameters' averages decay and update (Tribuo's RMSProp
 * decays every entry at every step, so its sparse trajectories differ).
 * Spec: {@code scale_by_rms(alpha=0.99, eps=1e-8, centered=false, initialAccumulator=0)}.
 */
public final class ScaleByRms extends ScaleBySquares {
    private final double alpha;

    public ScaleByRms(double alpha, double eps, boolean centered, double initialAccumulator) {
        super(alpha, 1 - alpha, eps, centered, initialAccumulator);
        this.alpha = alpha;
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_rms").with("alpha", alpha).with("eps", eps).with("centered", centered)
                .with("initialAccumulator", initialAccumulator);
    }
}
