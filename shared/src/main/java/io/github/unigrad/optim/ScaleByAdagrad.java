package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;

/**
 * AdaGrad's direction (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning
 * and Stochastic Optimization", JMLR 2011):
 * <pre>
 *   G ← G + g²
 *   u = g / (√G + ε)
 * </pre>
 * with G starting at {@code initialAccumulator}. ε outside the square root is the convention of
 * PyTorch, DL4J and Tribuo alike (Optax puts it inside). DL4J starts G at ε; Tribuo at its
 * {@code initialValue} and, with example weight w, feeds {@code w g} (which the adapter does).
 * State: slab 0 is G (DL4J's layout). The kernel is {@link ScaleBySquares}'s, with α = c = 1.
 *
 * <p>Sparse (lazy) form: only the listed parameters' accumulators grow, which is exact, since an
 * unlisted entry's gradient is zero. Spec: {@code scale_by_adagrad(eps=1e-10, initialAccumulator=0)}.
 */
public final class ScaleByAdagrad extends ScaleBySquares {

    public ScaleByAdagrad(double eps, double initialAccumulator) {
        super(1, 1, eps, false, initialAccumulator);
    }

    @Override
    public Spec spec() {
        return Spec.of("scale_by_adagrad").with("eps", eps).with("initialAccumulator", initialAccumulator);
    }
}
