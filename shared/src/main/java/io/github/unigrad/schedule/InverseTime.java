package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Inverse-time decay: {@code η_t = lr / (1 + decay · t)^power} (Keras {@code InverseTimeDecay}
 * for power 1). With {@code decay=1}: {@code power=1} is Tribuo's {@code getLinearDecaySGD}
 * (lr / t, 1-based), {@code power=0.5} its {@code getSqrtDecaySGD} (lr / √t); Tribuo's RMSProp
 * {@code decay} is {@code inverse_time(lr, decay)}; Pegasos' rate is {@code inverse_time(lr/λ)}.
 * Spec: {@code inverse_time(lr, decay=1, power=1)}.
 */
public record InverseTime(double lr, double decay, double power) implements Schedule {
    @Override
    public double rate(long step) {
        double base = 1 + decay * step;
        return power == 1 ? lr / base : power == 0.5 ? lr / Math.sqrt(base) : lr / Math.pow(base, power);
    }

    @Override
    public Spec spec() {
        return Spec.of("inverse_time").with("lr", lr).with("decay", decay).with("power", power);
    }
}
