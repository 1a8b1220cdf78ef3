package io.github.unigrad.loss;

/**
 * The two output activations that turn raw scores into the {@link InputForm#PROBABILITIES} a loss
 * may declare, with their backward pass, for a plugin whose framework hands the loss raw scores
 * (Tribuo): {@code p = act(z)}, loss on {@code p}, then {@code dL/dz = J_act(z)ᵀ · dL/dp}.
 *
 * <ul>
 *   <li>{@link #SOFTMAX}: {@code p_j = exp(z_j - m) / Σ_k exp(z_k - m)}, {@code m = max_k z_k} (the shift
 *       leaves p unchanged and keeps exp from overflowing); backward
 *       {@code dz_j = p_j (g_j - Σ_k p_k g_k)} (Bishop, Pattern Recognition and Machine Learning, eq. 4.106).</li>
 *   <li>{@link #SIGMOID}: {@code p_j = 1 / (1 + exp(-z_j))}, evaluated from {@code exp(-|z|)} so that exp
 *       never overflows; backward {@code dz_j = g_j p_j (1 - p_j)}.</li>
 * </ul>
 * The forward passes are the loss catalogue's own ({@code Numerics.softmax}, {@code Numerics.sigmoid}),
 * so a loss on probabilities sees exactly what a loss on logits computes internally. Both work on
 * one row of {@code n} values at a time; arrays may not alias.
 */
public enum OutputActivation {
    SOFTMAX {
        @Override
        public void forward(double[] z, int zo, double[] p, int po, int n) {
            Numerics.softmax(z, zo, n, p, po);
        }

        @Override
        public void backward(double[] p, int po, double[] g, int go, double[] dz, int dzo, int n) {
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += p[po + j] * g[go + j];
            }
            for (int j = 0; j < n; j++) {
                dz[dzo + j] = p[po + j] * (g[go + j] - dot);
            }
        }
    },
    SIGMOID {
        @Override
        public void forward(double[] z, int zo, double[] p, int po, int n) {
            for (int j = 0; j < n; j++) {
                double x = z[zo + j];
                p[po + j] = Numerics.sigmoid(x, Math.exp(-Math.abs(x)));
            }
        }

        @Override
        public void backward(double[] p, int po, double[] g, int go, double[] dz, int dzo, int n) {
            for (int j = 0; j < n; j++) {
                double pj = p[po + j];
                dz[dzo + j] = g[go + j] * pj * (1 - pj);
            }
        }
    };

    /** {@code p[po..po+n) = act(z[zo..zo+n))}. */
    public abstract void forward(double[] z, int zo, double[] p, int po, int n);

    /**
     * {@code dz[dzo..dzo+n) = J_act(z)ᵀ g[go..go+n)}, from the activation's output {@code p} (what
     * {@link #forward} wrote) and the gradient {@code g} with respect to it.
     */
    public abstract void backward(double[] p, int po, double[] g, int go, double[] dz, int dzo, int n);
}
