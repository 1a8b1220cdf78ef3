package io.github.unigrad.optim;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Equal to float precision": a float result within a relative {@link #RELATIVE} of its reference,
 * or within {@link #RELATIVE} of the array's largest magnitude (an entry that is the small difference
 * of large terms, as Nesterov's {@code μ v_prev - (1+μ) v}, keeps the terms' absolute error).
 */
final class FloatAgreement {
    /** About 80 float ulps: room for Adam's division and square root chains over many steps. */
    static final double RELATIVE = 1e-5;

    private FloatAgreement() {
    }

    static void assertAgrees(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what + ": length").hasSameSizeAs(expected);
        double largest = 0;
        for (float e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        for (int j = 0; j < expected.length; j++) {
            double tolerance = RELATIVE * Math.max(Math.abs(expected[j]), largest);
            assertThat((double) actual[j]).as("%s[%d]", what, j).isCloseTo(expected[j], org.assertj.core.api.Assertions.within(tolerance));
        }
    }
}
