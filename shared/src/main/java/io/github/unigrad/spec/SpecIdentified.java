package io.github.unigrad.spec;

/**
 * The identity every catalogue component shares: two components are equal when they are of the same
 * class and print the same canonical {@link Spec}, and a component prints as its spec. (DL4J relies on
 * this equality to let layers with the same optimiser share one updater block.)
 */
public abstract class SpecIdentified implements SpecDescribed {

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((SpecIdentified) o).spec().equals(spec());
    }

    @Override
    public final int hashCode() {
        return spec().hashCode();
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
