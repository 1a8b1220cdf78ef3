package io.github.unigrad.spec;

/**
 * A component that is fully described by its canonical {@link Spec}: parsing {@code spec().toString()}
 * through the component's catalogue gives back an equal component.
 */
public interface SpecDescribed {
    Spec spec();
}
