package io.github.unigrad.optim;

/** The one loop several transforms share: {@code u[from..to) *= factor}. */
final class Scale {
    private Scale() {
    }

    static void by(double[] u, int from, int to, double factor) {
        if (factor == 1.0) {
            return;
        }
        for (int j = from; j < to; j++) {
            u[j] *= factor;
        }
    }
}
