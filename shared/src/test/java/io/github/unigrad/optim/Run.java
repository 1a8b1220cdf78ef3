package io.github.unigrad.optim;

/**
 * Drives an optimiser the way an adapter does, on one flat parameter vector: summary pre-pass when
 * asked, {@code begin}, then the dense (optionally split into pieces) or sparse step, and
 * {@code θ ← θ - u}.
 */
final class Run {
    final Optimiser optimiser;
    final double[] theta;
    final double[][] state;
    long index;

    Run(Optimiser optimiser, double[] theta0) {
        this.optimiser = optimiser;
        this.theta = theta0.clone();
        this.state = new double[optimiser.slabs()][theta0.length];
        optimiser.initialise(state, 0, theta0.length);
    }

    /** A copy of this run (state and parameters), continued by a freshly parsed optimiser, as after save/restore. */
    Run restored() {
        Run r = new Run(Optimisers.parse(optimiser.spec().toString()), theta);
        for (int k = 0; k < state.length; k++) {
            r.state[k] = state[k].clone();
        }
        r.index = index;
        return r;
    }

    private Step begin(double[] u) {
        GradientSummary s = null;
        if (optimiser.needsGradientSummary()) {
            s = new GradientSummary().add(u, 0, u.length);
        }
        return optimiser.begin(index++, s);
    }

    private double[] params() {
        return optimiser.needsParameters() ? theta : null;
    }

    /** One dense step over the whole vector; returns the update. */
    double[] step(double[] g) {
        return stepInPieces(g, theta.length);
    }

    /** One dense step, the vector cut into pieces of at most {@code piece} entries. */
    double[] stepInPieces(double[] g, int piece) {
        double[] u = g.clone();
        Step s = begin(u);
        for (int o = 0; o < u.length; o += piece) {
            optimiser.dense(s, u, params(), o, state, Math.min(piece, u.length - o));
        }
        apply(u);
        return u;
    }

    /** One sparse step: entries {@code g[idx[j]]} at positions {@code j} (every index listed once, in that order). */
    double[] stepSparse(double[] g, int[] idx) {
        double[] u = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            u[j] = g[idx[j]];
        }
        double[] listed = new double[theta.length];
        for (int j = 0; j < idx.length; j++) {
            listed[idx[j]] = u[j];
        }
        Step s = begin(listed); // the summary in index order, as an adapter summing its pieces would
        optimiser.sparse(s, u, 0, u.length, idx, params(), 0, state);
        double[] dense = new double[theta.length];
        for (int j = 0; j < idx.length; j++) {
            dense[idx[j]] = u[j];
        }
        apply(dense);
        return dense;
    }

    private void apply(double[] u) {
        for (int j = 0; j < u.length; j++) {
            theta[j] -= u[j];
        }
    }

    /** The parameters to evaluate with. */
    double[] evaluation() {
        double[] x = theta.clone();
        if (optimiser.hasFinalAdjustment()) {
            double[] adj = new double[x.length];
            optimiser.finalAdjustment(index, adj, theta, 0, state, x.length);
            for (int j = 0; j < x.length; j++) {
                x[j] -= adj[j];
            }
        }
        return x;
    }
}
