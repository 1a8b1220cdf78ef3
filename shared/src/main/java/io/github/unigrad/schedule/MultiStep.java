package io.github.unigrad.schedule;

import io.github.unigrad.spec.Spec;

/**
 * Multi-step decay (PyTorch {@code MultiStepLR}): {@code η_t = lr · γ^(number of milestones ≤ t)}.
 * Milestones are strictly increasing step indices. Spec: {@code multistep(lr, milestones=[...], gamma=0.1)}.
 */
public final class MultiStep implements Schedule {
    private final double lr;
    private final long[] milestones;
    private final double gamma;

    public MultiStep(double lr, long[] milestones, double gamma) {
        this.lr = lr;
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    @Override
    public double rate(long step) {
        int passed = 0;
        while (passed < milestones.length && milestones[passed] <= step) {
            passed++;
        }
        return lr * Math.pow(gamma, passed);
    }

    @Override
    public Spec spec() {
        double[] m = new double[milestones.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = milestones[i];
        }
        return Spec.of("multistep").with("lr", lr).with("milestones", m).with("gamma", gamma);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiStep s && s.spec().equals(spec());
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }
}
