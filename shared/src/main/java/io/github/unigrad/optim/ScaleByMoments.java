package io.github.unigrad.optim;

import io.github.unigrad.spec.SpecIdentified;

/**
 * The Adam family's one kernel per precision (Adam and AMSGrad, Nadam, RAdam, AdaBelief), as Optax makes
 * Nadam a flag of Adam and PyTorch's fused kernel serves Adam and AdamW with a mode. Each member states
 * only its per-step {@link Coefficients}:
 * <pre>
 *   m ← b1 m + c1 g,   v ← b2 v + c2 g²      (AMSGrad: v̄ ← max(v̄, v) read in place of v;
 *                                           AdaBelief: s ← b2 s + c2 (g - m)² + eps in place of v)
 *   u = (am m + ag g) / (√(v · vs) + eps)     (adaptive; Adam: ag = 0, exact for every finite g)
 *   u = am m                                  (not adaptive: RAdam while the variance is intractable)
 * </pre>
 * State: slab 0 is m, slab 1 is v, slab 2 (AMSGrad) is v̄: DL4J's layouts {@code [M | V]} and
 * {@code [M | V | V_HAT]}. AdaMax keeps an infinity norm and overrides the kernel.
 */
abstract class ScaleByMoments extends SpecIdentified implements Transform {
    /** The moments' decays β1 and β2, ε, and which second moment is kept: what every member has. */
    final double beta1;
    final double beta2;
    final double eps;
    final boolean amsgrad;
    private final boolean belief;

    /** Ranges are checked by the catalogue ({@link Transforms}). */
    ScaleByMoments(double beta1, double beta2, double eps, boolean amsgrad, boolean belief) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.amsgrad = amsgrad;
        this.belief = belief;
    }

    /** The scalars of one step, shared by the double and float kernels (see the class comment). */
    record Coefficients(double b1, double c1, double b2, double c2, double am, double ag, double vs, double eps,
                        boolean adaptive) {

        /**
         * Adam's, at step count {@code t}: {@code am = 1/(1-β1^t)} and {@code vs = 1/(1-β2^t)}, or with
         * epsilonHat (DL4J's placement of ε, the paper's "efficient version") {@code am = √(1-β2^t)/(1-β1^t)}
         * and {@code vs = 1}.
         */
        static Coefficients adam(double beta1, double beta2, double eps, boolean epsilonHat, long t) {
            double bias1 = biasCorrection(beta1, t);
            double bias2 = biasCorrection(beta2, t);
            return new Coefficients(beta1, 1 - beta1, beta2, 1 - beta2,
                    epsilonHat ? Math.sqrt(bias2) / bias1 : 1 / bias1, 0, epsilonHat ? 1 : 1 / bias2, eps, true);
        }
    }

    /** {@code 1 - β^t}, the bias correction of a moment with decay β after t updates from zero. */
    static double biasCorrection(double beta, double t) {
        return 1 - Math.pow(beta, t);
    }

    @Override
    public int slabs() {
        return amsgrad ? 3 : 2;
    }

    /** Whether the kernel is the plain adaptive (or momentum) form: neither AMSGrad nor AdaBelief. */
    boolean plainMoments() {
        return !amsgrad && !belief;
    }

    @Override
    public void dense(Object coefficients, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        Coefficients c = (Coefficients) coefficients;
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), am = c.am(), ag = c.ag(), vs = c.vs(), eps = c.eps();
        int end = o + n;
        if (amsgrad) {
            double[] vMax = state[slab + 2];
            for (int j = o; j < end; j++) {
                u[j] = scale * amsgrad(u[j], m, v, vMax, j, b1, c1, b2, c2, am, vs, eps);
            }
        } else if (belief) {
            for (int j = o; j < end; j++) {
                u[j] = scale * belief(u[j], m, v, j, b1, c1, b2, c2, am, vs, eps);
            }
        } else if (c.adaptive()) {
            for (int j = o; j < end; j++) {
                u[j] = scale * adaptive(u[j], m, v, j, b1, c1, b2, c2, am, ag, vs, eps);
            }
        } else {
            for (int j = o; j < end; j++) {
                u[j] = scale * momentum(u[j], m, v, j, b1, c1, b2, c2, am);
            }
        }
    }

    @Override
    public void dense(Object coefficients, double scale, float[] u, float[] p, int o, float[][] state, int slab, int n) {
        float[] m = state[slab];
        float[] v = state[slab + 1];
        Coefficients c = (Coefficients) coefficients;
        float b1 = (float) c.b1(), c1 = (float) c.c1(), b2 = (float) c.b2(), c2 = (float) c.c2(), am = (float) c.am(),
                ag = (float) c.ag(), vs = (float) c.vs(), eps = (float) c.eps(), s = (float) scale;
        int end = o + n;
        if (amsgrad) {
            float[] vMax = state[slab + 2];
            for (int j = o; j < end; j++) {
                u[j] = s * amsgrad(u[j], m, v, vMax, j, b1, c1, b2, c2, am, vs, eps);
            }
        } else if (belief) {
            for (int j = o; j < end; j++) {
                u[j] = s * belief(u[j], m, v, j, b1, c1, b2, c2, am, vs, eps);
            }
        } else if (c.adaptive()) {
            for (int j = o; j < end; j++) {
                u[j] = s * adaptive(u[j], m, v, j, b1, c1, b2, c2, am, ag, vs, eps);
            }
        } else {
            for (int j = o; j < end; j++) {
                u[j] = s * momentum(u[j], m, v, j, b1, c1, b2, c2, am);
            }
        }
    }

    /** Sparse (lazy) form: only the listed parameters' moments decay and update, as TensorFlow's LazyAdam; the coefficients use the global step. */
    @Override
    public void sparse(Object coefficients, double scale, double[] u, int from, int to, int[] idx, double[] p, int o,
                       double[][] state, int slab) {
        double[] m = state[slab];
        double[] v = state[slab + 1];
        Coefficients c = (Coefficients) coefficients;
        double b1 = c.b1(), c1 = c.c1(), b2 = c.b2(), c2 = c.c2(), am = c.am(), ag = c.ag(), vs = c.vs(), eps = c.eps();
        double[] vMax = amsgrad ? state[slab + 2] : null;
        boolean ams = amsgrad, bel = belief, adaptive = c.adaptive();
        for (int j = from; j < to; j++) { // the branches are loop-invariant: the JIT unswitches them
            int k = o + idx[j];
            u[j] = scale * (ams ? amsgrad(u[j], m, v, vMax, k, b1, c1, b2, c2, am, vs, eps)
                    : bel ? belief(u[j], m, v, k, b1, c1, b2, c2, am, vs, eps)
                    : adaptive ? adaptive(u[j], m, v, k, b1, c1, b2, c2, am, ag, vs, eps)
                    : momentum(u[j], m, v, k, b1, c1, b2, c2, am));
        }
    }

    private static double adaptive(double g, double[] m, double[] v, int k, double b1, double c1, double b2, double c2,
                                   double am, double ag, double vs, double eps) {
        double mk = b1 * m[k] + c1 * g;
        double vk = b2 * v[k] + c2 * g * g;
        m[k] = mk;
        v[k] = vk;
        return (am * mk + ag * g) / (Math.sqrt(vk * vs) + eps);
    }

    private static float adaptive(float g, float[] m, float[] v, int k, float b1, float c1, float b2, float c2,
                                  float am, float ag, float vs, float eps) {
        float mk = b1 * m[k] + c1 * g;
        float vk = b2 * v[k] + c2 * g * g;
        m[k] = mk;
        v[k] = vk;
        return (am * mk + ag * g) / ((float) Math.sqrt(vk * vs) + eps);
    }

    private static double amsgrad(double g, double[] m, double[] v, double[] vMax, int k, double b1, double c1,
                                  double b2, double c2, double am, double vs, double eps) {
        double mk = b1 * m[k] + c1 * g;
        double vk = b2 * v[k] + c2 * g * g;
        double hk = Math.max(vMax[k], vk);
        m[k] = mk;
        v[k] = vk;
        vMax[k] = hk;
        return am * mk / (Math.sqrt(hk * vs) + eps);
    }

    private static float amsgrad(float g, float[] m, float[] v, float[] vMax, int k, float b1, float c1,
                                 float b2, float c2, float am, float vs, float eps) {
        float mk = b1 * m[k] + c1 * g;
        float vk = b2 * v[k] + c2 * g * g;
        float hk = Math.max(vMax[k], vk);
        m[k] = mk;
        v[k] = vk;
        vMax[k] = hk;
        return am * mk / ((float) Math.sqrt(hk * vs) + eps);
    }

    /** AdaBelief's: the second moment of g - m, with ε added to it too. */
    private static double belief(double g, double[] m, double[] s, int k, double b1, double c1, double b2, double c2,
                                 double am, double vs, double eps) {
        double mk = b1 * m[k] + c1 * g;
        double r = g - mk;
        double sk = b2 * s[k] + c2 * r * r + eps;
        m[k] = mk;
        s[k] = sk;
        return am * mk / (Math.sqrt(sk * vs) + eps);
    }

    private static float belief(float g, float[] m, float[] s, int k, float b1, float c1, float b2, float c2,
                                float am, float vs, float eps) {
        float mk = b1 * m[k] + c1 * g;
        float r = g - mk;
        float sk = b2 * s[k] + c2 * r * r + eps;
        m[k] = mk;
        s[k] = sk;
        return am * mk / ((float) Math.sqrt(sk * vs) + eps);
    }

    /** The moments' update, returning {@code am m}. */
    private static double momentum(double g, double[] m, double[] v, int k, double b1, double c1, double b2, double c2,
                                   double am) {
        double mk = b1 * m[k] + c1 * g;
        m[k] = mk;
        v[k] = b2 * v[k] + c2 * g * g;
        return am * mk;
    }

    private static float momentum(float g, float[] m, float[] v, int k, float b1, float c1, float b2, float c2, float am) {
        float mk = b1 * m[k] + c1 * g;
        m[k] = mk;
        v[k] = b2 * v[k] + c2 * g * g;
        return am * mk;
    }
}
