package io.github.unigrad.optim;

/**
 * The one loop several transforms share: {@code u[from..to) *= factor}, for double and (with the
 * factor rounded to float) float arrays.
 */
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

    static void by(float[] u, int from, int to, double factor) {
        if (factor == 1.0) {
            return;
        }
        float f = (float) factor;
        for (int j = from; j < to; j++) {
            u[j] *= f;
        }
    }
}
