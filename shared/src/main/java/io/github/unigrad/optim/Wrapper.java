package io.github.unigrad.optim;

import io.github.unigrad.spec.Excerpt;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecException;
import io.github.unigrad.spec.SpecIdentified;

/**
 * An optimiser that changes the step of an inner one: the inner optimiser's slabs come first (so
 * the inner state layout, DL4J's included, is unchanged) and the wrapper's own slabs follow.
 */
abstract class Wrapper extends SpecIdentified implements Optimiser {
    protected final Optimiser inner;
    private final int own;
    private final Spec spec;

    Wrapper(Optimiser inner, int ownSlabs, Spec spec) {
        this.inner = inner;
        this.own = ownSlabs;
        this.spec = spec;
    }

    public Optimiser inner() {
        return inner;
    }

    /** Index of the wrapper's first own slab. */
    protected final int ownSlab() {
        return inner.slabs();
    }

    @Override
    public Spec spec() {
        return spec;
    }

    @Override
    public int slabs() {
        return inner.slabs() + own;
    }

    @Override
    public double initialValue(int k) {
        return k < inner.slabs() ? inner.initialValue(k) : 0.0;
    }

    @Override
    public boolean needsParameters() {
        return inner.needsParameters();
    }

    @Override
    public boolean needsGradientSummary() {
        return inner.needsGradientSummary();
    }

    @Override
    public double learningRate(long index) {
        return inner.learningRate(index);
    }

    /** Rejects (as a spec error) an inner optimiser whose evaluation parameters differ from its trained ones. */
    static Optimiser withoutFinalAdjustment(String wrapper, Optimiser inner) {
        if (inner.hasFinalAdjustment()) {
            throw new SpecException(wrapper + " cannot wrap " + Excerpt.of(inner.spec())
                    + ": both would replace the trained parameters at the end; wrap it the other way round");
        }
        return inner;
    }
}
