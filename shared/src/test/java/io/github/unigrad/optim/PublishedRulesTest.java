package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Several steps of every rule on a fixed gradient sequence, against a scalar re-implementation of
 * the published rule written here (from the paper, or from PyTorch / DL4J / Tribuo where the
 * option names one), never by calling the code under test.
 */
class PublishedRulesTest {
    static final int N = 3;
    static final int T = 8;
    static final double[] THETA0 = {0.5, -0.3, 1.2};

    /** The fixed gradient of step t (1-based), entry j. */
    static double g(int t, int j) {
        return Math.sin(1.3 * t + 0.7 * j + 0.1) * (1 + j);
    }

    /** A reference rule: returns the update of step t (1-based) for gradient g at parameters θ. */
    interface Reference {
        double[] update(int t, double[] g, double[] theta);
    }

    /** Runs the spec and the reference side by side for T steps and compares every iterate. */
    static Run check(String spec, Reference ref) {
        Run run = new Run(Optimisers.parse(spec), THETA0);
        double[] theta = THETA0.clone();
        for (int t = 1; t <= T; t++) {
            double[] grad = new double[N];
            for (int j = 0; j < N; j++) {
                grad[j] = g(t, j);
            }
            double[] u = ref.update(t, grad.clone(), theta.clone());
            run.step(grad);
            for (int j = 0; j < N; j++) {
                theta[j] -= u[j];
                assertThat(run.theta[j]).as("%s, step %d, entry %d", spec, t, j)
                        .isCloseTo(theta[j], within(1e-12 * Math.max(1, Math.abs(theta[j]))));
            }
        }
        return run;
    }

    static double[] zeros() {
        return new double[N];
    }

    static double[] filled(double v) {
        double[] a = new double[N];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void gradientDescent() {
        check("gradient_descent(0.1)", (t, g, th) -> {
            for (int j = 0; j < N; j++) {
                g[j] *= 0.1;
            }
            return g;
        });
    }

    @Test
    void gradientDescentFollowsItsSchedule() {
        // lr/(1 + t) with t 0-based: Tribuo's linear decay lr/t with t 1-based
        check("gradient_descent(lr=inverse_time(0.3))", (t, g, th) -> {
            for (int j = 0; j < N; j++) {
                g[j] *= 0.3 / t;
            }
            return g;
        });
    }

    @Test
    void sgdWithMomentumDampeningAndL2AsPyTorch() {
        double lr = 0.05;
        double mu = 0.8;
        double d = 0.3;
        double wd = 0.1;
        double[] buf = zeros();
        check("sgd(lr=0.05, momentum=0.8, dampening=0.3, weightDecay=0.1)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                double gj = g[j] + wd * th[j];
                buf[j] = t == 1 ? gj : mu * buf[j] + (1 - d) * gj;
                u[j] = lr * buf[j];
            }
            return u;
        });
    }

    @Test
    void nesterovAsPyTorchAndTribuo() {
        double lr = 0.05;
        double mu = 0.9;
        double[] buf = zeros();
        Reference ref = (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                buf[j] = mu * buf[j] + g[j];
                u[j] = lr * (g[j] + mu * buf[j]);
            }
            return u;
        };
        check("nesterov(0.05)", ref);
        java.util.Arrays.fill(buf, 0);
        check("sgd(lr=0.05, momentum=0.9, nesterov=true)", ref);
    }

    @Test
    void heavyBallAsTribuoStandardMomentum() {
        double[] m = zeros();
        check("momentum(0.05, momentum=0.7)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                m[j] = 0.7 * m[j] + g[j];
                u[j] = 0.05 * m[j];
            }
            return u;
        });
    }

    @Test
    void nesterovWithTheRateInsideTheVelocityAsDl4j() {
        // DL4J Nesterovs: v = mu v - lr g; update = mu v_prev - (1 + mu) v; with a changing rate
        double mu = 0.9;
        double[] v = zeros();
        check("nesterov(lr=exponential(0.1, gamma=0.5), momentum=0.9, lrInVelocity=true)", (t, g, th) -> {
            double lr = 0.1 * Math.pow(0.5, t - 1);
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                double prev = v[j];
                v[j] = mu * v[j] - lr * g[j];
                u[j] = mu * prev - (1 + mu) * v[j];
            }
            return u;
        });
    }

    @Test
    void adagradWithInitialAccumulator() {
        double[] acc = filled(0.1);
        check("adagrad(lr=0.5, eps=1e-6, initialAccumulator=0.1)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                acc[j] += g[j] * g[j];
                u[j] = 0.5 * g[j] / (Math.sqrt(acc[j]) + 1e-6);
            }
            return u;
        });
    }

    @Test
    void rmspropPlainAsPyTorch() {
        double[] v = zeros();
        check("rmsprop(lr=0.01, alpha=0.9)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                v[j] = 0.9 * v[j] + 0.1 * g[j] * g[j];
                u[j] = 0.01 * g[j] / (Math.sqrt(v[j]) + 1e-8);
            }
            return u;
        });
    }

    @Test
    void rmspropCentredWithMomentumAsPyTorch() {
        double[] v = zeros();
        double[] avg = zeros();
        double[] buf = zeros();
        check("rmsprop(lr=0.01, alpha=0.9, eps=1e-3, momentum=0.5, centered=true)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                v[j] = 0.9 * v[j] + 0.1 * g[j] * g[j];
                avg[j] = 0.9 * avg[j] + 0.1 * g[j];
                buf[j] = 0.5 * buf[j] + g[j] / (Math.sqrt(v[j] - avg[j] * avg[j]) + 1e-3);
                u[j] = 0.01 * buf[j];
            }
            return u;
        });
    }

    @Test
    void rmspropAsDl4jStartsAtEpsilon() {
        double[] v = filled(1e-8);
        check("rmsprop(lr=0.1, alpha=0.95, eps=1e-8, initialAccumulator=1e-8)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                v[j] = v[j] * 0.95 + g[j] * g[j] * (1 - 0.95);
                u[j] = 0.1 * g[j] / (Math.sqrt(v[j]) + 1e-8);
            }
            return u;
        });
    }

    /** Adam, Algorithm 1 of the paper; with eps outside the bias correction as DL4J when {@code hat}. */
    static Reference adam(double lr, double b1, double b2, double eps, boolean hat, boolean ams, double wd) {
        double[] m = zeros();
        double[] v = zeros();
        double[] vMax = zeros();
        return (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                m[j] = b1 * m[j] + (1 - b1) * g[j];
                v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
                vMax[j] = Math.max(vMax[j], v[j]);
                double vv = ams ? vMax[j] : v[j];
                double c1 = 1 - Math.pow(b1, t);
                double c2 = 1 - Math.pow(b2, t);
                u[j] = hat ? lr * Math.sqrt(c2) / c1 * m[j] / (Math.sqrt(vv) + eps)
                        : lr * (m[j] / c1) / (Math.sqrt(vv / c2) + eps);
                u[j] += lr * wd * th[j];
            }
            return u;
        };
    }

    @Test
    void adamAndItsDl4jForm() {
        check("adam(lr=0.01)", adam(0.01, 0.9, 0.999, 1e-8, false, false, 0));
        check("adam(lr=0.01, b1=0.8, b2=0.9, eps=0.01, epsilonHat=true)", adam(0.01, 0.8, 0.9, 0.01, true, false, 0));
    }

    @Test
    void amsgradAsPyTorchAndAsDl4j() {
        check("amsgrad(lr=0.01, b2=0.9)", adam(0.01, 0.9, 0.9, 1e-8, false, true, 0));
        check("amsgrad(lr=0.01, b2=0.9, epsilonHat=true)", adam(0.01, 0.9, 0.9, 1e-8, true, true, 0));
    }

    @Test
    void adamwDecaysDecoupled() {
        check("adamw(lr=0.01, weightDecay=0.1)", adam(0.01, 0.9, 0.999, 1e-8, false, false, 0.1));
    }

    @Test
    void adamaxAsPyTorchAndAsDl4j() {
        double[] m = zeros();
        double[] r = zeros();
        check("adamax(lr=0.01)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                r[j] = Math.max(0.999 * r[j], Math.abs(g[j]) + 1e-8);
                u[j] = 0.01 / (1 - Math.pow(0.9, t)) * m[j] / r[j];
            }
            return u;
        });
        double[] m2 = zeros();
        double[] r2 = zeros();
        check("adamax(lr=0.01, eps=0.1, epsInMax=false)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                m2[j] = 0.9 * m2[j] + g[j] * 0.1;
                r2[j] = Math.max(0.999 * r2[j], Math.abs(g[j])) + 0.1;
                u[j] = m2[j] * (0.01 / (1 - Math.pow(0.9, t))) / r2[j];
            }
            return u;
        });
    }

    @Test
    void nadamAsDozatAndAsDl4j() {
        double[] m = zeros();
        double[] v = zeros();
        check("nadam(lr=0.01)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
                double mHat = 0.9 * m[j] / (1 - Math.pow(0.9, t + 1)) + 0.1 * g[j] / (1 - Math.pow(0.9, t));
                u[j] = 0.01 * mHat / (Math.sqrt(v[j] / (1 - Math.pow(0.999, t))) + 1e-8);
            }
            return u;
        });
        double[] m2 = zeros();
        double[] v2 = zeros();
        check("nadam(lr=0.01, dl4j=true)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                double oneMinusBeta1Grad = g[j] * 0.1;
                m2[j] = 0.9 * m2[j] + oneMinusBeta1Grad;
                v2[j] = 0.999 * v2[j] + g[j] * g[j] * 0.001;
                u[j] = (0.01 * ((m2[j] * 0.9 + oneMinusBeta1Grad) / (1 - Math.pow(0.9, t)))) / (Math.sqrt(v2[j]) + 1e-8);
            }
            return u;
        });
    }

    /**
     * PyTorch's {@code NAdam} step ({@code _single_tensor_nadam}) for one entry: μ_t and μ_{t+1} from the schedule,
     * the running product Π_t updated in {@code product[0]}, then
     * {@code u = lr ((1-μ_t)/(1-Π_t) g + μ_{t+1}/(1-Π_t μ_{t+1}) m) / (√(v/(1-β2^t)) + ε)}.
     */
    static final class PyTorchNadam {
        final double lr, b1, b2, eps, psi;
        final double[] m = zeros();
        final double[] v = zeros();
        double product = 1;

        PyTorchNadam(double lr, double b1, double b2, double eps, double psi) {
            this.lr = lr;
            this.b1 = b1;
            this.b2 = b2;
            this.eps = eps;
            this.psi = psi;
        }

        double[] update(int t, double[] g) {
            double mu = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
            double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
            product *= mu;
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                m[j] = b1 * m[j] + (1 - b1) * g[j];
                v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
                double denom = Math.sqrt(v[j] / (1 - Math.pow(b2, t))) + eps;
                u[j] = lr * (1 - mu) / (1 - product) * g[j] / denom + lr * muNext / (1 - product * muNext) * m[j] / denom;
            }
            return u;
        }
    }

    @Test
    void nadamWithPyTorchsMomentumSchedule() {
        PyTorchNadam defaults = new PyTorchNadam(0.01, 0.9, 0.999, 1e-8, 0.004);
        check("nadam(lr=0.01, momentumDecay=0.004)", (t, g, th) -> defaults.update(t, g));
        PyTorchNadam other = new PyTorchNadam(0.02, 0.8, 0.99, 1e-6, 0.1);
        check("nadam(lr=0.02, b1=0.8, b2=0.99, eps=1e-6, momentumDecay=0.1)", (t, g, th) -> other.update(t, g));
        // a fast schedule and β1 = 0.95: μ_t climbs from 0.52 to 0.79 within the T steps
        PyTorchNadam fast = new PyTorchNadam(0.01, 0.95, 0.999, 1e-8, 5);
        check("nadam(lr=0.01, b1=0.95, momentumDecay=5)", (t, g, th) -> fast.update(t, g));
    }

    /**
     * Step 1 by hand: μ_1 = 0.9(1 - ½·0.96^0.004) = 0.4500735, μ_2 = 0.9(1 - ½·0.96^0.008) = 0.4501469, Π_1 = μ_1,
     * m = 0.1g, v̂ = g², so u = lr (g + μ_2/(1 - μ_1μ_2)·0.1g)/(|g| + ε) = 0.0105645 for lr = 0.01, g = 0.7.
     */
    @Test
    void nadamsFirstScheduledStepByHand() {
        Run run = new Run(Optimisers.parse("nadam(lr=0.01, momentumDecay=0.004)"), new double[] {0});
        assertThat(run.step(new double[] {0.7})[0]).isCloseTo(0.0105645176, within(1e-10));
    }

    /**
     * Π_t is computed from t alone (a series, not a running product): one step begun at index t - 1, on moments
     * carried over, against PyTorch's running product of t factors, far along the schedule as well.
     */
    @Test
    void nadamsScheduleProductAgreesWithTheRunningProductAtAnyStep() {
        for (double psi : new double[] {0.004, 1e-9, 0.5}) {
            for (long t : new long[] {1, 2, 3, 10, 57, 100, 1000, 100_000}) {
                double product = 1;
                for (long i = 1; i <= t; i++) {
                    product *= 0.9 * (1 - 0.5 * Math.pow(0.96, i * psi));
                }
                double mu = 0.9 * (1 - 0.5 * Math.pow(0.96, t * psi));
                double muNext = 0.9 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
                double[] g = {0.3, -1.5};
                double[][] state = {{0.2, -0.4}, {0.05, 0.5}};
                double[] u = g.clone();
                Transform nadam = Transforms.parse("scale_by_nadam(momentumDecay=" + psi + ")");
                nadam.dense(nadam.coefficients(new Step(t - 1, 1, null, null)), 1, u, null, 0, state, 0, 2);
                for (int j = 0; j < 2; j++) {
                    double m = 0.9 * new double[] {0.2, -0.4}[j] + 0.1 * g[j];
                    double v = 0.999 * new double[] {0.05, 0.5}[j] + 0.001 * g[j] * g[j];
                    double denom = Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8;
                    double expected = ((1 - mu) / (1 - product) * g[j] + muNext / (1 - product * muNext) * m) / denom;
                    assertThat(u[j]).as("ψ = %s, t = %d, entry %d", psi, t, j)
                            .isCloseTo(expected, within(1e-13 * Math.abs(expected)));
                }
            }
        }
    }

    @Test
    void nadamsSpecPrintsItsMomentumDecay() {
        assertThat(Optimisers.parse("nadam(lr=0.01, momentumDecay=0.004)").spec().toString())
                .isEqualTo("nadam(lr=0.01, b1=0.9, b2=0.999, eps=1e-8, momentumDecay=0.004, dl4j=false, weightDecay=0)");
        assertThat(Optimisers.parse("nadam").spec().toString())
                .isEqualTo("nadam(lr=0.002, b1=0.9, b2=0.999, eps=1e-8, momentumDecay=0, dl4j=false, weightDecay=0)");
    }

    @Test
    void radamRectifiesOnceTheVarianceIsTractable() {
        // b2 = 0.9: rho_inf = 19; rho_t > 5 from t = 5 on, so both branches run within T = 8 steps
        double[] m = zeros();
        double[] v = zeros();
        boolean[] seen = new boolean[2];
        check("radam(lr=0.01, b2=0.9)", (t, g, th) -> {
            double[] u = new double[N];
            double rhoInf = 2 / (1 - 0.9) - 1;
            double rho = rhoInf - 2 * t * Math.pow(0.9, t) / (1 - Math.pow(0.9, t));
            for (int j = 0; j < N; j++) {
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                v[j] = 0.9 * v[j] + 0.1 * g[j] * g[j];
                double mHat = m[j] / (1 - Math.pow(0.9, t));
                if (rho > 5) {
                    double rect = Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
                    double adaptive = Math.sqrt(1 - Math.pow(0.9, t)) / (Math.sqrt(v[j]) + 1e-8);
                    u[j] = 0.01 * mHat * rect * adaptive;
                } else {
                    u[j] = 0.01 * mHat;
                }
            }
            seen[rho > 5 ? 1 : 0] = true;
            return u;
        });
        assertThat(seen).containsExactly(true, true);
    }

    @Test
    void adadeltaAsZeiler() {
        double[] eg = zeros();
        double[] ex = zeros();
        check("adadelta(lr=1, rho=0.95, eps=1e-6)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                eg[j] = 0.95 * eg[j] + 0.05 * g[j] * g[j];
                double rmsDx = Math.sqrt(ex[j] + 1e-6);
                double rmsG = Math.sqrt(eg[j] + 1e-6);
                u[j] = rmsDx / rmsG * g[j];
                ex[j] = 0.95 * ex[j] + 0.05 * u[j] * u[j];
            }
            return u;
        });
    }

    @Test
    void adabeliefAsThePaperAndAsDl4j() {
        for (boolean hat : new boolean[] {false, true}) {
            double[] m = zeros();
            double[] s = zeros();
            check("adabelief(lr=0.01, eps=1e-10, epsilonHat=" + hat + ")", (t, g, th) -> {
                double[] u = new double[N];
                for (int j = 0; j < N; j++) {
                    m[j] = 0.9 * m[j] + 0.1 * g[j];
                    s[j] = 0.999 * s[j] + 0.001 * (g[j] - m[j]) * (g[j] - m[j]) + 1e-10;
                    double c1 = 1 - Math.pow(0.9, t);
                    double c2 = 1 - Math.pow(0.999, t);
                    u[j] = hat ? 0.01 * Math.sqrt(c2) / c1 * m[j] / (Math.sqrt(s[j]) + 1e-10)
                            : 0.01 * (m[j] / c1) / (Math.sqrt(s[j] / c2) + 1e-10);
                }
                return u;
            });
        }
    }

    @Test
    void lionWithDecoupledDecay() {
        double[] m = zeros();
        check("lion(lr=0.01, weightDecay=0.5)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                double c = 0.9 * m[j] + 0.1 * g[j];
                u[j] = 0.01 * (Math.signum(c) + 0.5 * th[j]);
                m[j] = 0.99 * m[j] + 0.01 * g[j];
            }
            return u;
        });
    }

    @Test
    void pegasosAsShalevShwartz() {
        // eta_t = lr / (lambda t); theta <- (1 - eta_t lambda) theta - eta_t g  (Tribuo's shrinking form)
        check("pegasos(lr=0.5, lambda=0.1)", (t, g, th) -> {
            double eta = 0.5 / (0.1 * t);
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                double next = (1 - eta * 0.1) * th[j] - eta * g[j];
                u[j] = th[j] - next;
            }
            return u;
        });
    }

    /** Schedule-Free in the paper's variables: z, x, and y where the gradient is taken. */
    static Run scheduleFree(String spec, boolean adam, double lr, double beta, double wd, int warmup) {
        double[] z = THETA0.clone();
        double[] x = THETA0.clone();
        double[] v = zeros();
        double[] sums = new double[2]; // weight sum, max lr
        Run run = check(spec, (t, g, y) -> {
            double gamma = lr * Math.min(1.0, (double) t / warmup);
            if (adam) {
                gamma *= Math.sqrt(1 - Math.pow(0.999, t));
            }
            sums[1] = Math.max(sums[1], gamma);
            double weight = sums[1] * sums[1];
            sums[0] += weight;
            double c = weight / sums[0];
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                double gj = g[j];
                if (adam) {
                    v[j] = 0.999 * v[j] + 0.001 * gj * gj;
                    gj = gj / (Math.sqrt(v[j]) + 1e-8);
                }
                gj += wd * y[j];
                z[j] -= gamma * gj;
                x[j] = (1 - c) * x[j] + c * z[j];
                double yNext = (1 - beta) * z[j] + beta * x[j];
                u[j] = y[j] - yNext;
            }
            return u;
        });
        double[] eval = run.evaluation();
        for (int j = 0; j < N; j++) {
            assertThat(eval[j]).as("x, entry %d", j).isCloseTo(x[j], within(1e-12));
        }
        return run;
    }

    @Test
    void scheduleFreeSgdTrainsAtYAndEvaluatesAtX() {
        scheduleFree("schedule_free_sgd(lr=0.1, momentum=0.9)", false, 0.1, 0.9, 0, 1);
    }

    @Test
    void scheduleFreeAdamwWithWarmupAndDecay() {
        scheduleFree("schedule_free_adamw(lr=warmup(0.05, steps=4), weightDecay=0.1)", true, 0.05, 0.9, 0.1, 4);
    }

    @Test
    void clippingByValueAndByGlobalNorm() {
        check("chain(transforms=[clip(0.5), scale_by_lr], lr=0.1)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                u[j] = 0.1 * Math.max(-0.5, Math.min(0.5, g[j]));
            }
            return u;
        });
        check("chain(transforms=[clip_by_global_norm(1), scale_by_lr], lr=0.1)", (t, g, th) -> {
            double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                u[j] = 0.1 * g[j] * Math.min(1, 1 / norm);
            }
            return u;
        });
    }

    @Test
    void averagingEvaluatesWithTheMeanIterate() {
        for (boolean includeInitial : new boolean[] {false, true}) {
            double[] sum = zeros();
            double[] prev = THETA0.clone();
            Run run = check("averaging(inner=gradient_descent(0.1), includeInitial=" + includeInitial + ")", (t, g, th) -> {
                double[] u = new double[N];
                for (int j = 0; j < N; j++) {
                    u[j] = 0.1 * g[j];
                    sum[j] += includeInitial ? th[j] : th[j] - u[j];
                }
                return u;
            });
            double[] eval = run.evaluation();
            for (int j = 0; j < N; j++) {
                assertThat(eval[j]).isCloseTo(sum[j] / T, within(1e-12));
            }
        }
    }

    @Test
    void accumulateStepsOnTheMeanGradientEveryK() {
        double[] acc = zeros();
        double[] m = zeros();
        check("accumulate(inner=momentum(lr=exponential(0.1, gamma=0.5), momentum=0.5), every=3)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                acc[j] += g[j];
            }
            if (t % 3 == 0) {
                double lr = 0.1 * Math.pow(0.5, t / 3 - 1);
                for (int j = 0; j < N; j++) {
                    m[j] = 0.5 * m[j] + acc[j] / 3;
                    u[j] = lr * m[j];
                    acc[j] = 0;
                }
            }
            return u;
        });
    }

    @Test
    void lookaheadPullsTheFastWeightsBackEveryK() {
        double[] slow = THETA0.clone();
        Run run = check("lookahead(inner=gradient_descent(0.1), k=3, alpha=0.4)", (t, g, th) -> {
            double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                double fast = th[j] - 0.1 * g[j];
                if (t % 3 == 0) {
                    slow[j] = slow[j] + 0.4 * (fast - slow[j]);
                    fast = slow[j];
                }
                u[j] = th[j] - fast;
            }
            return u;
        });
        double[] eval = run.evaluation();
        for (int j = 0; j < N; j++) {
            assertThat(eval[j]).isCloseTo(slow[j], within(1e-12));
        }
    }

    @Test
    void skipNonFiniteLeavesParametersAndStateAloneAndCounts() {
        SkipNonFinite opt = (SkipNonFinite) Optimisers.parse("skip_nonfinite(inner=adam(lr=0.1))");
        Run run = new Run(opt, THETA0);
        Run reference = new Run(Optimisers.parse("adam(lr=0.1)"), THETA0);
        run.step(new double[] {0.1, 0.2, 0.3});
        reference.step(new double[] {0.1, 0.2, 0.3});
        double[] before = run.theta.clone();
        double[][] stateBefore = {run.state[0].clone(), run.state[1].clone()};
        run.step(new double[] {0.1, Double.NaN, 0.3});
        assertThat(run.theta).containsExactly(before);
        assertThat(run.state).isDeepEqualTo(stateBefore);
        run.step(new double[] {Double.POSITIVE_INFINITY, 0, 0});
        assertThat(opt.skipped()).isEqualTo(2);
        // the index advanced: the next good step is the reference's third step (bias correction t = 4)
        reference.index = 3;
        run.step(new double[] {-0.4, 0.5, 0.6});
        reference.step(new double[] {-0.4, 0.5, 0.6});
        assertThat(run.theta).containsExactly(reference.theta);
    }
}
