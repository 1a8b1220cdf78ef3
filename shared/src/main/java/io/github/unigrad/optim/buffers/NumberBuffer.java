package io.github.unigrad.optim.buffers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * A flat run of float or double numbers (a heap array or off-heap NIO memory), read and written in
 * blocks of its own type by bulk absolute copies (a memory copy for off-heap buffers): no conversion
 * and no call per element. The transfers keep no per-instance state, so several threads may use one
 * instance at once on distinct indices. {@link BlockStepper} steps float buffers with the
 * optimiser's float step and double buffers with its double step.
 */
public sealed interface NumberBuffer permits NumberBuffer.Floats, NumberBuffer.Doubles {

    /** {@code this[index + j] = value} (rounded to the buffer's type) for {@code j < len}. */
    void fill(int index, int len, double value);

    /** Wraps a float buffer; indices are absolute (its position is ignored). */
    static NumberBuffer of(FloatBuffer buffer) {
        return new Floats(buffer);
    }

    /** Wraps a double buffer; indices are absolute (its position is ignored). */
    static NumberBuffer of(DoubleBuffer buffer) {
        return new Doubles(buffer);
    }

    static NumberBuffer of(float[] array) {
        return of(FloatBuffer.wrap(array));
    }

    static NumberBuffer of(double[] array) {
        return of(DoubleBuffer.wrap(array));
    }

    /** Float storage. */
    record Floats(FloatBuffer buffer) implements NumberBuffer {
        /** {@code dst[off + j] = this[index + j]} for {@code j < len}. */
        public void read(int index, float[] dst, int off, int len) {
            buffer.get(index, dst, off, len);
        }

        /** {@code this[index + j] = src[off + j]} for {@code j < len}. */
        public void write(int index, float[] src, int off, int len) {
            buffer.put(index, src, off, len);
        }

        @Override
        public void fill(int index, int len, double value) {
            float v = (float) value;
            for (int j = 0; j < len; j++) {
                buffer.put(index + j, v);
            }
        }
    }

    /** Double storage. */
    record Doubles(DoubleBuffer buffer) implements NumberBuffer {
        /** {@code dst[off + j] = this[index + j]} for {@code j < len}. */
        public void read(int index, double[] dst, int off, int len) {
            buffer.get(index, dst, off, len);
        }

        /** {@code this[index + j] = src[off + j]} for {@code j < len}. */
        public void write(int index, double[] src, int off, int len) {
            buffer.put(index, src, off, len);
        }

        @Override
        public void fill(int index, int len, double value) {
            for (int j = 0; j < len; j++) {
                buffer.put(index + j, value);
            }
        }
    }
}
