package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * One-cycle (Smith and Topin, "Super-Convergence", 2018), as PyTorch's {@code OneCycleLR} with
 * cosine annealing and two phases: from {@code lr/divFactor} up to {@code lr} at step
 * {@code pctStart·steps - 1}, then down to {@code lr/(divFactor·finalDivFactor)} at step
 * {@code steps - 1}, each phase a half cosine. Spec:
 * {@code one_cycle(lr, steps, pctStart=0.3, divFactor=25, finalDivFactor=10000)}.
 */
public record OneCycle(double lr, long steps, double pctStart, double divFactor, double finalDivFactor) implements Schedule {
    @Override
    public double rate(long step) {
        double initial = lr / divFactor;
        double last = initial / finalDivFactor;
        double peak = pctStart * steps - 1;
        double end = steps - 1;
        double s = Math.min(step, end);
        if (s <= peak) {
            return Cosine.cosine(initial, lr, s / peak);
        }
        return Cosine.cosine(lr, last, (s - peak) / (end - peak));
    }

    @Override
    public Spec spec() {
        return Spec.of("one_cycle").with("lr", lr).with("steps", steps).with("pctStart", pctStart)
                .with("divFactor", divFactor).with("finalDivFactor", finalDivFactor);
    }
}
