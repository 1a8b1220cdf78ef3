package io.github.unigrad.optim;

import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * The proximal step of the elastic-net penalty λ1‖θ‖₁ + (λ2/2)‖θ‖², applied after the rule's step
 * (proximal gradient, e.g. Parikh and Boyd, "Proximal Algorithms", 2014, §6.5.2), with η the step's
 * learning rate and z = θ - u the point the rest of the chain steps to:
 * <pre>
 *   θ' = sign(z) · max(|z| - η λ1, 0) / (1 + η λ2)
 * </pre>
 * Soft-thresholding sets every parameter whose step ends within η λ1 of 0 to exactly 0: the model
 * becomes sparse. It sets the parameters ({@link #setsParameters()}): the outgoing update is
 * {@code θ - θ'}, so it comes last, after {@code scale_by_lr}: {@code chain(transforms=[scale_by_adagrad(),
 * scale_by_lr, prox_l1(l1=1e-4)], lr=0.1)}. With λ1 = 0 it is decoupled L2 shrinkage, applied after
 * the step as a division rather than before it as {@code add_decayed_weights}'s subtraction.
 *
 * <p><b>Lazy sparse form</b> (the truncated gradient of Langford, Li and Zhang, "Sparse Online
 * Learning via Truncated Gradient", JMLR 2009): slab 0 holds, per coordinate, the index of the next
 * step it has not yet been shrunk for (a double: exact to 2^53 steps; the float kernel's to 2^24).
 * When a sparse step lists a coordinate last brought up to date k steps ago, it first catches up on
 * those k steps with zero update in closed form: with a = 1/(1 + η λ2) and b = η λ1, k steps of
 * {@code |x| ← a max(|x| - b, 0)} give
 * <pre>
 *   |x_k| = max(a^k |x_0| - b (1 - a^k)/(η λ2), 0)       (|x_0| - k b when λ2 = 0)
 * </pre>
 * (once it reaches 0 it stays there), computed as {@code exp(-k log1p(η λ2))} and
 * {@code -expm1(-k log1p(η λ2))/(η λ2)} to keep the sum accurate for small η λ2. The catch-up is the
 * step-by-step result exactly when the learning rate was the current one at every skipped step and
 * the chain's update is 0 at a step where the coordinate's gradient is 0 (SGD, AdaGrad, RMSProp
 * without momentum; not momentum, Adam or {@code add_l1}, whose update is not 0 there); otherwise it is the usual lazy
 * approximation. Until its catch-up a skipped coordinate keeps its older, larger value, which the host
 * predicts with in the meantime; the coordinates not listed since their last step catch up in the
 * {@linkplain #finalAdjustment final adjustment} (Tribuo's {@code finalise()}), at the last step's
 * learning rate. The dense step catches up too (nothing to do after dense steps).
 * Spec: {@code prox_l1(l1, l2=0)}.
 */
public final class ProxL1 extends SpecIdentified implements Transform {
    private final double l1;
    private final double l2;

    /** The scalars of one step: b = η λ1, c = η λ2, log1p(c), and the step's index. */
    private record Coefficients(double b, double c, double logA, double index) {
    }

    public ProxL1(double l1, double l2) {
        this.l1 = l1;
        this.l2 = l2;
    }

    @Override
    public int slabs() {
        return 1;
    }

    @Override
    public boolean setsParameters() {
        return true;
    }

    @Override
    public Object coefficients(Step step) {
        double eta = step.learningRate();
        double c = eta * l2;
        return new Coefficients(eta * l1, c, Math.log1p(c), step.index());
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        Coefficients c = (Coefficients) coefficients;
        double[] next = state[slab];
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = scale * (p[j] - prox(u[j], p[j], next, j, c));
        }
    }

    /** The float kernel: the double kernel's loop in float (the catch-up's powers in double, rounded). */
    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        Coefficients c = (Coefficients) coefficients;
        float[] next = state[slab];
        float s = (float) scale, b = (float) c.b(), divisor = (float) (1 + c.c()), index = (float) c.index();
        for (int j = o, end = o + n; j < end; j++) {
            float x = p[j];
            float skipped = index - next[j];
            if (skipped > 0) {
                x = (float) catchUp(x, skipped, c);
            }
            next[j] = index + 1;
            float z = x - u[j];
            u[j] = s * (p[j] - Math.copySign(Math.max(Math.abs(z) - b, 0f), z) / divisor);
        }
    }

    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o,
                       double[][] state, int slab) {
        Coefficients c = (Coefficients) coefficients;
        double[] next = state[slab];
        for (int j = from; j < to; j++) {
            int k = o + idx[j];
            u[j] = scale * (p[k] - prox(u[j], p[k], next, k, c));
        }
    }

    /** A sparse run leaves coordinates it has not listed since their last step to catch up. */
    @Override
    public boolean hasFinalAdjustment() {
        return true;
    }

    /** Each coordinate's pending catch-up: {@code θ - θ_caught_up} (0 for one up to date). */
    @Override
    public void finalAdjustment(Object coefficients, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        Coefficients c = (Coefficients) coefficients;
        double[] next = state[slab];
        for (int j = o, end = o + n; j < end; j++) {
            double skipped = c.index() - next[j];
            u[j] = skipped > 0 ? p[j] - catchUp(p[j], skipped, c) : 0.0;
        }
    }

    /** θ' for coordinate k with incoming update u at parameter θ, after catching up on its skipped steps. */
    private static double prox(double u, double theta, double[] next, int k, Coefficients c) {
        double skipped = c.index() - next[k];
        double x = skipped > 0 ? catchUp(theta, skipped, c) : theta;
        next[k] = c.index() + 1;
        double z = x - u;
        return Math.copySign(Math.max(Math.abs(z) - c.b(), 0), z) / (1 + c.c());
    }

    /** {@code x} after {@code k} steps of pure shrinkage (the closed form in the class comment). */
    private static double catchUp(double x, double k, Coefficients c) {
        double sum = c.c() == 0 ? k : -Math.expm1(-k * c.logA()) / c.c();
        double r = Math.exp(-k * c.logA()) * Math.abs(x) - c.b() * sum;
        return r <= 0 ? 0.0 : Math.copySign(r, x); // NaN stays NaN
    }

    @Override
    public Spec spec() {
        return Spec.of("prox_l1").with("l1", l1).with("l2", l2);
    }
}
