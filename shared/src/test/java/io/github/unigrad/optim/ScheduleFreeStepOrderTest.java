package io.github.unigrad.optim;

import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.schedule.Schedules;
import io.github.unigrad.spec.Spec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Schedule-Free keeps its averaging sums (S = Σ w, M = max γ) in the state slabs: every step is O(1) whatever its
 * index, one object may serve several states (DL4J's clone shares it), stepping at any index order follows the
 * recurrence of the reference code, and save/restore continues bit-for-bit.
 */
class ScheduleFreeStepOrderTest {
    private static final int N = 3;

    /** A schedule that counts its evaluations: the work a step does. */
    private static final class Counting implements Schedule {
        final Schedule inner;
        final AtomicLong calls = new AtomicLong();

        Counting(Schedule inner) {
            this.inner = inner;
        }

        @Override
        public double rate(long step) {
            calls.incrementAndGet();
            return inner.rate(step);
        }

        @Override
        public Spec spec() {
            return inner.spec();
        }
    }

    private static ScheduleFree scheduleFree(Schedule lr, boolean adam) {
        return new ScheduleFree(Spec.of(adam ? "schedule_free_adamw" : "schedule_free_sgd"), lr, adam, 0.9, 0.999, 1e-8,
                0, 0, 2);
    }

    private static double[][] freshState(Optimiser o) {
        double[][] s = new double[o.slabs()][N];
        o.initialise(s, 0, N);
        return s;
    }

    /** One dense step at {@code index} on {@code state}; returns the update. */
    private static double[] step(Optimiser o, double[][] state, long index, double[] g) {
        double[] u = g.clone();
        o.dense(o.begin(index, null), u, null, 0, state, N);
        return u;
    }

    @Test
    void aFirstStepAtIndexOneBillionIsOneStepOfWorkAndStartsTheAverage() {
        for (boolean adam : new boolean[] {false, true}) {
            Counting lr = new Counting(Schedules.parse("cosine(0.1, steps=2000000000)"));
            ScheduleFree o = scheduleFree(lr, adam);
            double[][] state = freshState(o);
            double[] g = {0.5, -2, 3};
            long index = 1_000_000_000L;
            double[] u = step(o, state, index, g);
            // begin evaluates the schedule a bounded number of times, not once per earlier step
            assertThat(lr.calls.get()).as("schedule evaluations").isLessThanOrEqualTo(2);
            double gamma = lr.inner.at(index) * (adam ? Math.sqrt(1 - Math.pow(0.999, index + 1)) : 1);
            for (int j = 0; j < N; j++) {
                // c = w / w = 1: x = z, so y moves by γ ĝ and D = z - x is 0
                double gHat = adam ? g[j] / (Math.sqrt(0.001 * g[j] * g[j]) + 1e-8) : g[j];
                assertThat(u[j]).isCloseTo(gamma * gHat, within(1e-15 * Math.abs(gamma * gHat)));
                assertThat(state[0][j]).isEqualTo(0.0);
                assertThat(state[o.slabs() - 2][j]).as("S").isEqualTo(gamma * gamma);
                assertThat(state[o.slabs() - 1][j]).as("M").isEqualTo(gamma);
            }
        }
    }

    @Property(tries = 60)
    void anyIndexOrderFollowsTheReferenceRecurrenceAndIsO1(@ForAll("indices") List<Long> indices,
                                                           @ForAll boolean adam,
                                                           @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Counting lr = new Counting(Schedules.parse("warmup(0.05, steps=7)"));
        ScheduleFree o = scheduleFree(lr, adam);
        double[][] state = freshState(o);
        // the reference: Defazio et al.'s Algorithm 1/2 with weight_sum and lr_max kept with the state
        double[] z = new double[N];
        double[] x = new double[N];
        double[] y = new double[N];
        double[] v = new double[N];
        double weightSum = 0;
        double lrMax = 0;
        java.util.Random rnd = new java.util.Random(seed);
        for (long t : indices) {
            double[] g = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            long before = lr.calls.get();
            double[] u = step(o, state, t, g);
            assertThat(lr.calls.get() - before).as("schedule evaluations at step %d", t).isLessThanOrEqualTo(2);
            double gamma = lr.inner.at(t) * (adam ? Math.sqrt(1 - Math.pow(0.999, t + 1)) : 1);
            lrMax = Math.max(lrMax, gamma);
            double w = lrMax * lrMax;
            weightSum += w;
            double c = weightSum == 0 ? 0 : w / weightSum;
            for (int j = 0; j < N; j++) {
                double gj = g[j];
                if (adam) {
                    v[j] = 0.999 * v[j] + 0.001 * gj * gj;
                    gj = gj / (Math.sqrt(v[j]) + 1e-8);
                }
                z[j] -= gamma * gj;
                x[j] = (1 - c) * x[j] + c * z[j];
                double yNext = 0.1 * z[j] + 0.9 * x[j];
                assertThat(u[j]).as("update at step %d", t).isCloseTo(y[j] - yNext, within(1e-12));
                y[j] = yNext;
            }
        }
    }

    @Property(tries = 60)
    void oneObjectServingTwoStatesAndSaveRestoreAreBitIdentical(@ForAll("indices") List<Long> a,
                                                                 @ForAll("indices") List<Long> b,
                                                                 @ForAll boolean adam,
                                                                 @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Schedule lr = Schedules.parse("cosine(0.1, steps=5000)");
        ScheduleFree shared = scheduleFree(lr, adam);
        double[][] sa = freshState(shared);
        double[][] sb = freshState(shared);
        ScheduleFree alone = scheduleFree(lr, adam);
        double[][] sAlone = freshState(alone);
        java.util.Random rnd = new java.util.Random(seed);
        int half = a.size() / 2;
        double[][] saved = null;
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            double[] g = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            if (i < b.size()) {
                step(shared, sb, b.get(i), g); // another network's steps, through the same object
            }
            if (i < a.size()) {
                assertThat(step(shared, sa, a.get(i), g)).isEqualTo(step(alone, sAlone, a.get(i), g));
                if (i == half) {
                    saved = new double[sa.length][];
                    for (int k = 0; k < sa.length; k++) {
                        saved[k] = sa[k].clone();
                    }
                }
            }
        }
        // restore the state saved at step `half` into a new object and replay the rest: the same state, bit for bit
        ScheduleFree restored = scheduleFree(lr, adam);
        java.util.Random replay = new java.util.Random(seed);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            double[] g = {replay.nextGaussian(), replay.nextGaussian(), replay.nextGaussian()};
            if (i > half && i < a.size()) {
                step(restored, saved, a.get(i), g);
            }
        }
        for (int k = 0; k < sa.length; k++) {
            assertThat(saved[k]).isEqualTo(sa[k]);
        }
    }

    @Provide
    Arbitrary<List<Long>> indices() {
        Arbitrary<Long> small = Arbitraries.longs().between(0, 20);
        Arbitrary<Long> any = Arbitraries.longs().between(0, 1_000_000_000_000L);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, small), net.jqwik.api.Tuple.of(1, any))
                .list().ofMinSize(1).ofMaxSize(25);
    }
}
