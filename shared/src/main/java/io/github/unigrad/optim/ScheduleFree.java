package io.github.unigrad.optim;

import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

/**
 * Schedule-Free SGD and AdamW (Defazio, Yang, Mehta, Mishchenko, Khaled and Cutkosky, "The Road
 * Less Scheduled", NeurIPS 2024, Algorithms 1 and 2; reference implementation
 * {@code facebookresearch/schedule_free}). With gradient g taken at the trained parameters y:
 * <pre>
 *   ĝ = g (+ λ y)                          SGD;   ĝ = g / (√v + ε) (+ λ y),  v ← β2 v + (1-β2) g²   AdamW
 *   γ_t = η_t                              SGD;   γ_t = η_t √(1-β2^t)                               AdamW
 *   z ← z - γ_t ĝ
 *   x ← (1 - c_t) x + c_t z,   c_t = w_t / Σ_{i≤t} w_i,   w_t = γ_t^r · (max_{i≤t} γ_i)^p
 *   y = (1 - β) z + β x
 * </pre>
 * The model is trained at y and evaluated at x. Kept without reading the parameters: slab 0 holds
 * {@code D = z - x} (so {@code z = y + βD}, {@code x = y - (1-β)D}); one step is
 * <pre>
 *   M ← max(M, γ_t);   S ← S + w_t,  w_t = γ_t^r M^p;   c_t = w_t / S   (0 while S = 0)
 *   e = D - γ_t ĝ;   u = (1-β) γ_t ĝ - β c_t e;   D ← (1 - c_t) e
 * </pre>
 * and {@link #finalAdjustment} writes {@code (1-β) D} (x = y minus it). For AdamW slab 1 is v. The
 * running sums of the averaging weight, {@code S = Σ w_i} and {@code M = max γ_i} over the steps taken, are
 * the last two slabs (as the reference code keeps {@code weight_sum} and {@code lr_max} in the optimiser's
 * state): so every step costs O(1) whatever its index (a first step at 10⁹ starts the average there,
 * {@code c = 1}), the object holds nothing mutable (one instance may serve any number of states, as DL4J's
 * {@code clone()} shares it), and saving and restoring the state continues bit-for-bit. The slabs are
 * {@code [D, S, M]} (SGD) or {@code [D, v, S, M]} (AdamW). The step index gives γ_t (schedule, AdamW's
 * {@code √(1-β2^{t+1})}); the sums count the steps actually taken with this state, in the order taken.
 * The parameters are read only when weightDecay &gt; 0 (decay at y, as the reference code).
 *
 * <p>Sparse (lazy) form: only the listed entries change, D, v and their sums alike, so each entry
 * averages its own iterates over the steps at which it had a gradient. With float state (DL4J's FLOAT
 * views) S is a float: after about 10⁷ equal weights its increments fall below float resolution and c_t
 * stops decreasing at about 6e-8 (the reference keeps a double).
 */
public final class ScheduleFree extends SpecIdentified implements Optimiser {
    private final Spec spec;
    private final Schedule lr;
    private final boolean adam;
    private final double beta;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double r;
    private final double weightLrPower;
    /** The slabs of the running sums S and M. */
    private final int sumSlab;
    private final int maxSlab;

    /**
     * @param adam   AdamW (true) or SGD (false); beta2 and eps are used by AdamW only
     * @param beta   the interpolation β (SGD's momentum, AdamW's β1)
     */
    public ScheduleFree(Spec spec, Schedule lr, boolean adam, double beta, double beta2, double eps, double weightDecay,
                        double r, double weightLrPower) {
        this.spec = spec;
        this.lr = lr;
        this.adam = adam;
        this.beta = beta;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.r = r;
        this.weightLrPower = weightLrPower;
        this.sumSlab = adam ? 2 : 1;
        this.maxSlab = sumSlab + 1;
    }

    @Override
    public Spec spec() {
        return spec;
    }

    @Override
    public int slabs() {
        return maxSlab + 1;
    }

    @Override
    public double initialValue(int k) {
        return 0.0;
    }

    @Override
    public boolean needsParameters() {
        return weightDecay != 0;
    }

    @Override
    public boolean needsGradientSummary() {
        return false;
    }

    @Override
    public double learningRate(long index) {
        return lr.at(index);
    }

    /** γ at 0-based step i. */
    private double gamma(long i) {
        double g = lr.at(i);
        return adam ? g * Math.sqrt(1 - Math.pow(beta2, i + 1)) : g;
    }

    @Override
    public Step begin(long index, GradientSummary summary) {
        double gamma = gamma(index);
        return new Step(index, lr.at(index), summary, null, gamma, r == 0 ? 1.0 : Math.pow(gamma, r));
    }

    /**
     * Advances entry {@code k}'s running sums by step weight {@code w = γ^r max(M, γ)^p} ({@code gammaR = γ^r}) and
     * returns {@code c = w / S}; 0 while S is 0 (a zero learning rate from the start), without a branch.
     */
    private double averagingWeight(double[] sum, double[] max, int k, double gamma, double gammaR) {
        double m = Math.max(max[k], gamma);
        max[k] = m;
        double w = gammaR * (weightLrPower == 2 ? m * m : Math.pow(m, weightLrPower));
        double s = sum[k] + w;
        sum[k] = s;
        return w / Math.max(s, Double.MIN_VALUE);
    }

    @Override
    public void dense(Step step, double[] u, double[] p, int o, double[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        double[] dz = state[0];
        double[] v = adam ? state[1] : null;
        double[] sum = state[sumSlab];
        double[] max = state[maxSlab];
        double gamma = step.scalar(0);
        double gammaR = step.scalar(1);
        for (int j = o, end = o + n; j < end; j++) {
            double c = averagingWeight(sum, max, j, gamma, gammaR);
            u[j] = element(direction(u[j], v, p, j), dz, j, gamma, c, beta);
        }
    }

    /** ĝ: the gradient (SGD) or its RMS-normalised form (AdamW), plus λ y when decaying; parameter and state index j. */
    private double direction(double g, double[] v, double[] p, int j) {
        double d = adam ? normalised(g, v, j, beta2, eps) : g;
        return weightDecay != 0 ? d + weightDecay * p[j] : d;
    }

    @Override
    public void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state) {
        StepArguments.sparse(this, slabs(), needsParameters(), u, from, to, idx, p, o, state, 0);
        double[] dz = state[0];
        double[] v = adam ? state[1] : null;
        double[] sum = state[sumSlab];
        double[] max = state[maxSlab];
        double gamma = step.scalar(0);
        double gammaR = step.scalar(1);
        for (int j = from; j < to; j++) {
            int k = o + idx[j];
            double c = averagingWeight(sum, max, k, gamma, gammaR);
            u[j] = element(direction(u[j], v, p, k), dz, k, gamma, c, beta);
        }
    }

    private static double normalised(double g, double[] v, int k, double b2, double eps) {
        double vk = b2 * v[k] + (1 - b2) * g * g;
        v[k] = vk;
        return g / (Math.sqrt(vk) + eps);
    }

    private static double element(double g, double[] dz, int k, double gamma, double c, double beta) {
        double e = dz[k] - gamma * g;
        dz[k] = (1 - c) * e;
        return (1 - beta) * gamma * g - beta * c * e;
    }

    @Override
    public boolean hasFinalAdjustment() {
        return true;
    }

    /** Writes {@code (1-β) D}: the evaluation parameters are x = y minus it. */
    @Override
    public void finalAdjustment(long steps, double[] u, double[] p, int o, double[][] state, int n) {
        double[] dz = state[0];
        double s = 1 - beta;
        for (int j = o, end = o + n; j < end; j++) {
            u[j] = s * dz[j];
        }
    }
}
