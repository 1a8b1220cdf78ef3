package io.github.unigrad.optim;

/**
 * The per-step scalars of the rules that keep a first moment and a bias-corrected second moment (Adam
 * and AMSGrad, AdaBelief), shared by their double and float kernels: {@code m ← b1 m + c1 g},
 * {@code v ← b2 v + c2 x} (x = g² for Adam, (g − m)² + ε for AdaBelief), {@code u = a m / (√(v · vs) + eps)},
 * where {@code a = 1/(1-β1^t)} and {@code vs = 1/(1-β2^t)}, or with epsilonHat (DL4J's placement of ε)
 * {@code a = √(1-β2^t)/(1-β1^t)} and {@code vs = 1}.
 */
record MomentCoefficients(double b1, double c1, double b2, double c2, double a, double vs, double eps) {

    /** The scalars at step count {@code t} (1-based). */
    static MomentCoefficients at(double beta1, double beta2, double eps, boolean epsilonHat, long t) {
        double bias1 = 1 - Math.pow(beta1, t);
        double bias2 = 1 - Math.pow(beta2, t);
        return new MomentCoefficients(beta1, 1 - beta1, beta2, 1 - beta2,
                epsilonHat ? Math.sqrt(bias2) / bias1 : 1 / bias1, epsilonHat ? 1 : 1 / bias2, eps);
    }
}
