package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.unigrad.optim.PublishedRulesTest.N;
import static io.github.unigrad.optim.PublishedRulesTest.check;
import static io.github.unigrad.optim.PublishedRulesTest.filled;
import static io.github.unigrad.optim.PublishedRulesTest.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * PyTorch's coupled L2 {@code weight_decay} on the presets whose PyTorch 1.13 optimiser has it: the algorithm boxes of
 * PyTorch's documentation (Adam, AMSGrad, Adamax, NAdam, RAdam, Adagrad, RMSprop, Adadelta), each beginning with
 * {@code g ← g + λθ}, written out here step by step and run against the preset for several steps; the preset is the
 * catalogue's {@code add_decayed_weights} composed before the rule, and differs from AdamW's decoupled decay.
 */
class CoupledWeightDecayTest {
    private static final double WD = 0.3;

    /** PyTorch's first line of every algorithm box: {@code if λ ≠ 0: g ← g + λθ}. */
    private static double[] l2(double[] g, double[] theta) {
        double[] out = new double[N];
        for (int j = 0; j < N; j++) {
            out[j] = g[j] + WD * theta[j];
        }
        return out;
    }

    @Test
    void adamAndAmsgrad() {
        for (boolean ams : new boolean[] {false, true}) {
            double[] m = zeros();
            double[] v = zeros();
            double[] vMax = zeros();
            check((ams ? "amsgrad" : "adam") + "(lr=0.01, weightDecay=0.3)", (t, grad, th) -> {
                double[] g = l2(grad, th);
                double[] u = new double[N];
                for (int j = 0; j < N; j++) {
                    m[j] = 0.9 * m[j] + 0.1 * g[j];
                    v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
                    vMax[j] = Math.max(vMax[j], v[j]);
                    double vHat = (ams ? vMax[j] : v[j]) / (1 - Math.pow(0.999, t));
                    u[j] = 0.01 * (m[j] / (1 - Math.pow(0.9, t))) / (Math.sqrt(vHat) + 1e-8);
                }
                return u;
            });
        }
    }

    @Test
    void adamax() {
        double[] m = zeros();
        double[] inf = zeros();
        check("adamax(lr=0.01, weightDecay=0.3)", (t, grad, th) -> {
            double[] g = l2(grad, th);
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                inf[j] = Math.max(0.999 * inf[j], Math.abs(g[j]) + 1e-8);
                u[j] = 0.01 * m[j] / ((1 - Math.pow(0.9, t)) * inf[j]);
            }
            return u;
        });
    }

    @Test
    void nadamWithPyTorchsMomentumDecay() {
        PublishedRulesTest.PyTorchNadam nadam = new PublishedRulesTest.PyTorchNadam(0.01, 0.9, 0.999, 1e-8, 0.004);
        check("nadam(lr=0.01, momentumDecay=0.004, weightDecay=0.3)", (t, grad, th) -> nadam.update(t, l2(grad, th)));
    }

    @Test
    void radam() {
        double[] m = zeros();
        double[] v = zeros();
        check("radam(lr=0.01, b2=0.9, weightDecay=0.3)", (t, grad, th) -> {
            double[] g = l2(grad, th);
            double[] u = new double[N];
            double rhoInf = 2 / (1 - 0.9) - 1;
            double rho = rhoInf - 2 * t * Math.pow(0.9, t) / (1 - Math.pow(0.9, t));
            for (int j = 0; j < N; j++) {
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                v[j] = 0.9 * v[j] + 0.1 * g[j] * g[j];
                double mHat = m[j] / (1 - Math.pow(0.9, t));
                if (rho > 5) {
                    double l = Math.sqrt(1 - Math.pow(0.9, t)) / (Math.sqrt(v[j]) + 1e-8);
                    double r = Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
                    u[j] = 0.01 * mHat * r * l;
                } else {
                    u[j] = 0.01 * mHat;
                }
            }
            return u;
        });
    }

    @Test
    void adagradWithInitialAccumulator() {
        double[] sum = filled(0.1);
        check("adagrad(lr=0.5, initialAccumulator=0.1, weightDecay=0.3)", (t, grad, th) -> {
            double[] g = l2(grad, th);
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                sum[j] += g[j] * g[j];
                u[j] = 0.5 * g[j] / (Math.sqrt(sum[j]) + 1e-10);
            }
            return u;
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rmspropPlainAndCentredWithMomentum(boolean centred) {
        double[] v = zeros();
        double[] avg = zeros();
        double[] buf = zeros();
        String spec = centred ? "rmsprop(lr=0.01, alpha=0.9, momentum=0.5, centered=true, weightDecay=0.3)"
                : "rmsprop(lr=0.01, alpha=0.99, weightDecay=0.3)";
        double alpha = centred ? 0.9 : 0.99;
        check(spec, (t, grad, th) -> {
            double[] g = l2(grad, th);
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                v[j] = alpha * v[j] + (1 - alpha) * g[j] * g[j];
                double denom = v[j];
                if (centred) {
                    avg[j] = alpha * avg[j] + (1 - alpha) * g[j];
                    denom -= avg[j] * avg[j];
                }
                double step = g[j] / (Math.sqrt(denom) + 1e-8);
                if (centred) {
                    buf[j] = 0.5 * buf[j] + step;
                    step = buf[j];
                }
                u[j] = 0.01 * step;
            }
            return u;
        });
    }

    @Test
    void adadelta() {
        double[] sq = zeros();
        double[] acc = zeros();
        check("adadelta(lr=0.5, rho=0.9, eps=1e-6, weightDecay=0.3)", (t, grad, th) -> {
            double[] g = l2(grad, th);
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                sq[j] = 0.9 * sq[j] + 0.1 * g[j] * g[j];
                double delta = Math.sqrt(acc[j] + 1e-6) / Math.sqrt(sq[j] + 1e-6) * g[j];
                acc[j] = 0.9 * acc[j] + 0.1 * delta * delta;
                u[j] = 0.5 * delta;
            }
            return u;
        });
    }

    /**
     * By hand, the first update from a zero gradient at θ = 4, λ = 0.5, η = 0.1. Coupled (PyTorch Adam): g = λθ = 2,
     * m̂ = 2, v̂ = 4, the update is 0.1 · 2 / (2 + 1e-8) = 0.0999999995. Decoupled (AdamW): Adam's step on g = 0 is 0, the
     * decay 0.1 · 0.5 · 4 = 0.2. Adagrad: G = 2² = 4, update 0.1 · 2 / (2 + 1e-10) ≈ 0.1: the adaptive rule normalises the
     * coupled decay like any gradient.
     */
    @Test
    void coupledDecayIsRescaledByTheRuleDecoupledIsNot() {
        assertThat(new Run(Optimisers.parse("adam(lr=0.1, weightDecay=0.5)"), new double[] {4}).step(new double[] {0})[0])
                .isCloseTo(0.0999999995, within(1e-15));
        assertThat(new Run(Optimisers.parse("adamw(lr=0.1, weightDecay=0.5)"), new double[] {4}).step(new double[] {0})[0])
                .isCloseTo(0.2, within(1e-15));
        assertThat(new Run(Optimisers.parse("adagrad(lr=0.1, weightDecay=0.5)"), new double[] {4}).step(new double[] {0})[0])
                .isCloseTo(0.1 * 2 / (2 + 1e-10), within(1e-16));
    }

    @Test
    void thePresetIsAddDecayedWeightsBeforeTheRuleAndSplitsAsL2() {
        Optimiser adam = Optimisers.parse("adam(lr=0.01, weightDecay=0.3)");
        assertThat(adam.needsParameters()).isTrue();
        assertThat(adam.toString()).isEqualTo("adam(lr=0.01, b1=0.9, b2=0.999, eps=1e-8, epsilonHat=false, weightDecay=0.3)");
        assertThat(Optimisers.parse(adam.toString())).isEqualTo(adam);
        Optimiser.WeightDecaySplit split = adam.splitWeightDecay().orElseThrow();
        assertThat(split.decoupled()).isFalse();
        assertThat(split.coefficient()).isEqualTo(0.3);
        assertThat(split.rest().needsParameters()).isFalse();
        for (String name : new String[] {"adagrad", "rmsprop", "adam", "amsgrad", "adamax", "nadam", "radam", "adadelta"}) {
            Optimiser o = Optimisers.parse(name + "(weightDecay=0.1)");
            assertThat(o.splitWeightDecay()).as(name).hasValueSatisfying(s -> assertThat(s.decoupled()).isFalse());
            assertThat(Optimisers.parse(name).needsParameters()).as(name + " without decay").isFalse();
        }
        assertThat(Optimisers.parse("adamw(weightDecay=0.1)").splitWeightDecay().orElseThrow().decoupled()).isTrue();
    }
}
