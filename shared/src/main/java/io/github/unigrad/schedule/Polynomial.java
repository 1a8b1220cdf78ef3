package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Polynomial decay (PyTorch {@code PolynomialLR}, Optax {@code polynomial_schedule}):
 * {@code η_t = (lr - end) · (1 - min(t, steps)/steps)^power + end}.
 * Spec: {@code polynomial(lr, steps, end=0, power=1)}.
 */
public record Polynomial(double lr, long steps, double end, double power) implements Schedule {
    @Override
    public double rate(long step) {
        double left = 1 - (double) Math.min(step, steps) / steps;
        return (lr - end) * Math.pow(left, power) + end;
    }

    @Override
    public Spec spec() {
        return Spec.of("polynomial").with("lr", lr).with("steps", steps).with("end", end).with("power", power);
    }
}
