package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/** {@code η_t = value} for every step. Spec: {@code constant(value)}, or just the number. */
public record Constant(double value) implements Schedule {
    @Override
    public double rate(long step) {
        return value;
    }

    @Override
    public Spec spec() {
        return Spec.of("constant").with("value", value);
    }

    @Override
    public String toString() {
        return Spec.formatNumber(value);
    }
}
