package io.github.unigrad.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps each float kernel the twin of its double kernel (see {@link Transform}): over 20 steps on
 * random gradients (some entries zero, as masked ones), with random parameters or the gradient's norm
 * for the transforms that read them, with the update and state at the same and at
 * different offsets, the float kernel's update and state agree, to float precision, with the double
 * kernel's run on the same float values and rounded to float, each carrying its own state.
 */
class FloatKernelTest {
    private static final int N = 203;
    private static final int STEPS = 20;

    /** Every transform with a float kernel, in each variant of its loop. */
    static List<String> kernels() {
        return List.of(
                "scale_by_adam(b1=0.9, b2=0.999, eps=1e-8)",
                "scale_by_adam(b1=0.9, b2=0.999, eps=1e-8, epsilonHat=true)",
                "scale_by_adam(b1=0.8, b2=0.99, eps=1e-6, amsgrad=true)",
                "scale_by_adam(amsgrad=true, epsilonHat=true)",
                "trace(momentum=0.9)",
                "trace(momentum=0.8, dampening=0.1)",
                "trace(momentum=0.9, nesterov=true)",
                "nesterov_velocity(momentum=0.9)",
                "scale_by_adagrad(eps=1e-6, initialAccumulator=1e-6)",
                "scale_by_adagrad(eps=1e-10, initialAccumulator=0.1)",
                "scale_by_rms(alpha=0.99, eps=1e-8, initialAccumulator=1e-8)",
                "scale_by_rms(alpha=0.9, eps=1e-6, centered=true)",
                "scale_by_adamax(b1=0.9, b2=0.999, eps=1e-8)",
                "scale_by_adamax(b1=0.8, b2=0.99, eps=1e-32, epsInMax=false)",
                "scale_by_nadam(b1=0.9, b2=0.999, eps=1e-8)",
                "scale_by_nadam(b1=0.8, b2=0.99, eps=1e-6, dl4j=true)",
                "scale_by_nadam(b1=0.9, b2=0.999, eps=1e-8, momentumDecay=0.004)",
                "scale_by_nadam(b1=0.8, b2=0.99, eps=1e-6, momentumDecay=0.1)",
                // RAdam: each run crosses from its momentum phase to its rectified one (radamSettingsCrossTheirSwitch)
                "scale_by_radam(b1=0.9, b2=0.999, eps=1e-8)",
                "scale_by_radam(b1=0.9, b2=0.9, eps=1e-8)",
                "scale_by_radam(b1=0.8, b2=0.99, eps=1e-6, threshold=4)",
                "scale_by_radam(b1=0.9, b2=0.999, eps=1e-8, threshold=12)",
                "scale_by_adadelta(rho=0.9, eps=1e-6)",
                "scale_by_adadelta(rho=0.95, eps=1e-8)",
                "scale_by_belief(b1=0.9, b2=0.999, eps=1e-16)",
                "scale_by_belief(b1=0.9, b2=0.999, eps=1e-16, epsilonHat=true)",
                "scale_by_belief(b1=0.8, b2=0.99, eps=1e-10)",
                "scale_by_lion(b1=0.9, b2=0.99)",
                "scale_by_lion(b1=0.5, b2=0.9)",
                "scale_by_lion(b1=0, b2=0.99)",
                "add_decayed_weights(0)",
                "add_decayed_weights(0.01)",
                "add_decayed_weights(0.5)",
                "add_l1(0)",
                "add_l1(0.1)",
                "prox_l1(l1=0.5)",
                "prox_l1(l1=2, l2=0.5)",
                "prox_l1(l1=0, l2=1)",
                "scale_by_lr",
                "clip(0.5)",
                "clip_by_global_norm(1)",
                "clip_by_global_norm(30)", // clips on some steps only: the run's norms are 19 to 46
                "clip_by_global_norm(1e6)");
    }

    /** Whether {@code t}'s class overrides the float dense step (has a float kernel). */
    private static boolean hasFloatKernel(Transform t) {
        try {
            return t.getClass().getMethod("dense", Object.class, double.class, float[].class, float[].class, int.class,
                    float[][].class, int.class, int.class).getDeclaringClass() != Transform.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theListHoldsExactlyTheCatalogueTransformsWithAFloatKernel() {
        Set<String> withKernel = new TreeSet<>();
        for (String name : Transforms.catalogue().names()) {
            for (String sample : CatalogueContractTest.samples()) {
                Optimiser o = Optimisers.parse(sample);
                while (o instanceof Wrapper w) {
                    o = w.inner();
                }
                if (o instanceof Chain c) {
                    for (Transform t : c.transforms()) {
                        if (t.spec().name().equals(name) && hasFloatKernel(t)) {
                            withKernel.add(name);
                        }
                    }
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        for (String k : kernels()) {
            Transform t = Transforms.parse(k);
            assertThat(hasFloatKernel(t)).as(k).isTrue();
            listed.add(t.spec().name());
        }
        assertThat(listed).isEqualTo(withKernel).isEqualTo(new TreeSet<>(Transforms.catalogue().names()));
    }

    /**
     * RAdam's float kernel is checked on both sides of its switch: with ρ_t from the published rule
     * (ρ∞ = 2/(1-β2) - 1, ρ_t = ρ∞ - 2t β2^t/(1-β2^t)), each RAdam setting starts at or below its
     * threshold and ends above it within the run.
     */
    @Test
    void radamSettingsCrossTheirSwitch() {
        for (String k : kernels()) {
            Transform t = Transforms.parse(k);
            if (t.spec().name().equals("scale_by_radam")) {
                double b2 = ((Number) t.spec().named().get("b2")).doubleValue();
                double threshold = ((Number) t.spec().named().get("threshold")).doubleValue();
                double rhoInf = 2 / (1 - b2) - 1;
                double rhoFirst = rhoInf - 2 * b2 / (1 - b2);
                double rhoLast = rhoInf - 2 * STEPS * Math.pow(b2, STEPS) / (1 - Math.pow(b2, STEPS));
                assertThat(rhoFirst).as(k + ": ρ at the first step").isLessThanOrEqualTo(threshold);
                assertThat(rhoLast).as(k + ": ρ at the last step").isGreaterThan(threshold);
            }
        }
    }

    /** Lion's sign at zero: where β1 m + (1-β1) g is exactly 0 both kernels give 0 (sign(0) = 0), not ±1. */
    @Test
    void lionsFloatKernelGivesNoDirectionWhereItsInterpolationIsZero() {
        Transform lion = Transforms.parse("scale_by_lion(b1=0.5, b2=0.9)");
        float[] u = {0f, -1f, 2f, 0f, -0.5f};
        float[][] m = {{0f, 1f, -2f, 3f, 0f}};
        float[] refU = u.clone();
        float[][] refM = {m[0].clone()};
        Step step = new Step(0, 0.1, null, null);
        lion.dense(lion.coefficients(step), 1.0, u, null, 0, m, 0, u.length);
        doubleKernelRounded(lion, step, 1.0, refU, null, 0, refM, 0, u.length);
        assertThat(u).containsExactly(0f, 0f, 0f, 1f, -1f);
        assertThat(refU).containsExactly(u);
        FloatAgreement.assertAgrees(m[0], refM[0], "m");
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void floatKernelAgreesWithTheDoubleKernelRoundedToFloatAtTheSameIndex(String spec) {
        run(Transforms.parse(spec), 0, 0, 1.0);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void floatKernelAgreesWithTheDoubleKernelRoundedToFloatAtAnOffset(String spec) {
        run(Transforms.parse(spec), 5, 1, 0.03);
    }

    /**
     * 20 steps of {@code t} on update and state entries {@code [o, o+N)} of slabs from {@code slab}, both routes from the same float start, each keeping its own state; random
     * parameters when {@code t} reads them and the update's global norm when it reads the summary.
     */
    private static void run(Transform t, int o, int slab, double scale) {
        Random random = new Random(17);
        int k = t.slabs();
        float[][] state = new float[slab + k][o + N + 3];
        float[][] ref = new float[slab + k][o + N + 3];
        for (int q = 0; q < k; q++) {
            for (int j = 0; j < o + N + 3; j++) {
                state[slab + q][j] = (float) t.initialValue(q);
                ref[slab + q][j] = (float) t.initialValue(q);
            }
        }
        for (long i = 0; i < STEPS; i++) {
            float[] u = new float[o + N + 4];
            for (int j = 0; j < u.length; j++) {
                boolean masked = (j + i) % 5 == 0;
                u[j] = masked ? 0f : (float) (random.nextGaussian() * Math.exp(random.nextGaussian()));
            }
            float[] p = null;
            if (t.needsParameters()) {
                p = new float[u.length];
                for (int j = 0; j < p.length; j++) {
                    p[j] = (float) (3 * random.nextGaussian());
                }
            }
            float[] refU = u.clone();
            GradientSummary summary = t.needsGradientSummary() ? new GradientSummary().add(u, o, N) : null;
            Step step = new Step(i, 0.05 * (1 + i % 3), summary, null);
            t.dense(t.coefficients(step), scale, u, p, o, state, slab, N);
            doubleKernelRounded(t, step, scale, refU, p, o, ref, slab, N);
            FloatAgreement.assertAgrees(u, refU, t.spec() + " update at step " + i);
            for (int q = 0; q < k; q++) {
                FloatAgreement.assertAgrees(state[slab + q], ref[slab + q], t.spec() + " slab " + q + " at step " + i);
            }
        }
    }

    /** The double kernel on the float values widened (at the same offsets), rounded back to float. */
    private static void doubleKernelRounded(Transform t, Step step, double scale, float[] u, float[] p, int o,
                                            float[][] state, int slab, int n) {
        double[] du = widen(u);
        double[] dp = p == null ? null : widen(p);
        double[][] ds = new double[state.length][];
        for (int q = 0; q < state.length; q++) {
            ds[q] = widen(state[q]);
        }
        t.dense(t.coefficients(step), scale, du, dp, o, ds, slab, n);
        for (int j = 0; j < u.length; j++) {
            u[j] = (float) du[j];
        }
        for (int q = 0; q < state.length; q++) {
            for (int j = 0; j < state[q].length; j++) {
                state[q][j] = (float) ds[q][j];
            }
        }
    }

    private static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            d[j] = x[j];
        }
        return d;
    }
}
