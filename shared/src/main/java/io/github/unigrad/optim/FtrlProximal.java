package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * FTRL-Proximal (McMahan et al., "Ad Click Prediction: a View from the Trenches", KDD 2013), with the
 * semantics of TensorFlow's {@code ApplyFtrlV2} and Keras 3's {@code Ftrl.update_step}, per coordinate,
 * with η the step's learning rate and n, z the accumulator and the linear term:
 * <pre>
 *   λ2' = λ2 + β/(2η)
 *   n'  = n + g²
 *   z  ← z + g + 2 λs θ - (n'^(-p) - n^(-p))/η · θ
 *   θ' = (clip(z, -λ1, λ1) - z) / (n'^(-p)/η + 2 λ2')
 *   n  ← n'
 * </pre>
 * with p = {@code lrPower} (≤ 0; -0.5 is the paper's per-coordinate rate), n starting at
 * {@code initialAccumulator}, z at 0, λ1 = {@code l1}, λ2 = {@code l2}, λs = {@code l2Shrinkage} (which
 * enters z but not n, as in TensorFlow) and β = {@code beta}. The rule sets the parameters itself, so
 * its outgoing update is {@code θ - θ'} (the host's {@code θ - u} is then θ', and exactly 0 wherever
 * θ' is 0: with λ1 &gt; 0, the model is sparse). A learning rate of 0 divides by zero, as in Keras.
 *
 * <p>State: slab 0 is n, slab 1 is z. Sparse (lazy) form: only the listed coordinates move, as
 * TensorFlow's {@code SparseApplyFtrl}. It equals the dense step with a zero gradient at the unlisted
 * coordinates when the learning rate is constant and {@code l2Shrinkage} is 0 (n and z then stay, and
 * θ' is θ again); otherwise the dense step would still move them (z by 2λs θ, θ' with η) and the
 * sparse one, like TensorFlow's, does not. Not a catalogue transform: the
 * {@code ftrl} preset builds it, alone in its chain (it needs the learning rate inside the formula, as
 * Schedule-Free does). Double only: it reads the parameters, which DL4J's updater never sees.
 */
final class FtrlProximal extends SpecIdentified implements Transform {
    private final double lrPower;
    private final double initialAccumulator;
    private final double l1;
    private final double l2;
    private final double l2Shrinkage;
    private final double beta;

    /** The scalars of one step: η, the effective λ2' = λ2 + β/(2η), 2λs, λ1 and p. */
    private record Coefficients(double lr, double l2Reg, double shrink, double l1, double power) {
    }

    FtrlProximal(double lrPower, double initialAccumulator, double l1, double l2, double l2Shrinkage, double beta) {
        this.lrPower = lrPower;
        this.initialAccumulator = initialAccumulator;
        this.l1 = l1;
        this.l2 = l2;
        this.l2Shrinkage = l2Shrinkage;
        this.beta = beta;
    }

    @Override
    public int slabs() {
        return 2;
    }

    @Override
    public double initialValue(int k) {
        return k == 0 ? initialAccumulator : 0.0;
    }

    @Override
    public boolean setsParameters() {
        return true;
    }

    @Override
    public Object coefficients(Step step) {
        double lr = step.learningRate();
        return new Coefficients(lr, l2 + beta / (2 * lr), 2 * l2Shrinkage, l1, -lrPower);
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        Coefficients c = (Coefficients) coefficients;
        double[] acc = state[slab];
        double[] z = state[slab + 1];
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = scale * step(u[j], p[j], acc, z, j, c);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o,
                       double[][] state, int slab) {
        Coefficients c = (Coefficients) coefficients;
        double[] acc = state[slab];
        double[] z = state[slab + 1];
        for (int j = from; j < to; j++) {
            int k = o + idx[j];
            u[j] = scale * step(u[j], p[k], acc, z, k, c);
        }
    }

    /** One coordinate's step (see the class comment); returns θ - θ'. */
    private static double step(double g, double theta, double[] acc, double[] z, int k, Coefficients c) {
        double n = acc[k];
        double nNew = n + g * g;
        double sigmaNew = power(nNew, c.power());
        double zk = z[k] + g + c.shrink() * theta - (sigmaNew - power(n, c.power())) / c.lr() * theta;
        z[k] = zk;
        acc[k] = nNew;
        double quadratic = sigmaNew / c.lr() + 2 * c.l2Reg();
        double clipped = Math.min(Math.max(zk, -c.l1()), c.l1());
        return theta - (clipped - zk) / quadratic;
    }

    /** {@code x^e}, by the square root for the usual e = 0.5. */
    private static double power(double x, double e) {
        return e == 0.5 ? Math.sqrt(x) : Math.pow(x, e);
    }

    @Override
    public Spec spec() {
        return Spec.of("ftrl").with("lrPower", lrPower).with("initialAccumulator", initialAccumulator).with("l1", l1)
                .with("l2", l2).with("l2Shrinkage", l2Shrinkage).with("beta", beta);
    }
}
