package io.github.unigrad.optim;

import io.github.unigrad.schedule.Constant;
import io.github.unigrad.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A chain computes each transform's per-step coefficients once, in {@code begin}, and hands them to every piece. */
class StepCoefficientsTest {

    /** Records the steps it was asked coefficients for and the coefficients each pass received. */
    private static final class Recording implements Transform {
        final List<Long> asked = new ArrayList<>();
        final List<Object> received = new ArrayList<>();

        @Override
        public int slabs() {
            return 0;
        }

        @Override
        public Object coefficients(Step step) {
            asked.add(step.t());
            return "t=" + step.t();
        }

        @Override
        public void dense(Object c, double scale, double[] u, double[] p, int o, double[][] state, int slab, int n) {
            received.add(c);
        }

        @Override
        public void sparse(Object c, double scale, double[] u, int from, int to, int[] idx, double[] p, int o,
                           double[][] state, int slab) {
            received.add(c);
        }

        @Override
        public Spec spec() {
            return Spec.of("recording");
        }
    }

    @Test
    void coefficientsAreComputedOncePerStepAndReachEveryPiece() {
        Recording r = new Recording();
        Chain chain = new Chain(null, new Constant(0.1), List.of(r));
        double[] u = new double[10];
        for (long i = 0; i < 3; i++) {
            Step step = chain.begin(i, null);
            for (int o = 0; o < u.length; o += 2) {
                chain.dense(step, u, null, o, new double[0][], 2);
            }
            chain.sparse(step, u, 0, 1, new int[] {4}, null, 0, new double[0][]);
        }
        assertThat(r.asked).containsExactly(1L, 2L, 3L);
        assertThat(r.received).hasSize(18);
        for (int i = 0; i < 18; i++) {
            assertThat(r.received.get(i)).as("piece %d", i).isEqualTo("t=" + (i / 6 + 1));
        }
    }

    @Test
    void aStepIsAppliedOnlyByTheChainThatBeganIt() {
        Chain adam = (Chain) Optimisers.parse("adam(lr=0.1)");
        Chain other = (Chain) Optimisers.parse("adam(lr=0.1)");
        double[] u = {1, 2};
        double[][] state = new double[2][2];
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> adam.dense(new Step(0, 0.1, null, null), u, null, 0, state, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step 0 was not begun by adam(");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> adam.dense(other.begin(3, null), u, null, 0, state, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step 3 was not begun by adam(");
    }

    @Test
    void adamsBiasCorrectionAtAStepDoesNotDependOnTheStepsBefore() {
        Transform adam = Transforms.parse("scale_by_adam");
        Step fifth = new Step(4, 0.1, null, null);
        Object before = adam.coefficients(fifth);
        adam.coefficients(new Step(999, 0.1, null, null));
        assertThat(adam.coefficients(fifth)).isEqualTo(before);
    }
}
