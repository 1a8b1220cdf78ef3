package io.github.unigrad.optim.buffers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * A flat run of float or double numbers (a heap array or off-heap NIO memory) read and written in
 * blocks of doubles. The two implementations are the only per-element loops: one virtual call per
 * block, none per element.
 */
public sealed interface NumberBuffer permits NumberBuffer.Floats, NumberBuffer.Doubles {

    /** {@code dst[off + j] = this[index + j]} for {@code j < len}. */
    void read(int index, double[] dst, int off, int len);

    /** {@code this[index + j] = src[off + j]} for {@code j < len} (rounded to float for a float buffer). */
    void write(int index, double[] src, int off, int len);

    /** {@code this[index + j] = value} for {@code j < len}. */
    void fill(int index, int len, double value);

    /** The number of values (from absolute index 0). */
    int capacity();

    /** Wraps a float buffer; indices are absolute (its position is ignored). */
    static NumberBuffer of(FloatBuffer buffer) {
        return new Floats(buffer);
    }

    /** Wraps a double buffer; indices are absolute (its position is ignored). */
    static NumberBuffer of(DoubleBuffer buffer) {
        return new Doubles(buffer);
    }

    static NumberBuffer of(float[] array) {
        return new Floats(FloatBuffer.wrap(array));
    }

    static NumberBuffer of(double[] array) {
        return new Doubles(DoubleBuffer.wrap(array));
    }

    /** Float storage: values are widened to double on read and rounded to nearest on write. */
    record Floats(FloatBuffer buffer) implements NumberBuffer {
        @Override
        public void read(int index, double[] dst, int off, int len) {
            FloatBuffer b = buffer;
            for (int j = 0; j < len; j++) {
                dst[off + j] = b.get(index + j);
            }
        }

        @Override
        public void write(int index, double[] src, int off, int len) {
            FloatBuffer b = buffer;
            for (int j = 0; j < len; j++) {
                b.put(index + j, (float) src[off + j]);
            }
        }

        @Override
        public void fill(int index, int len, double value) {
            float v = (float) value;
            for (int j = 0; j < len; j++) {
                buffer.put(index + j, v);
            }
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }
    }

    /** Double storage: bulk absolute copies. */
    record Doubles(DoubleBuffer buffer) implements NumberBuffer {
        @Override
        public void read(int index, double[] dst, int off, int len) {
            buffer.get(index, dst, off, len);
        }

        @Override
        public void write(int index, double[] src, int off, int len) {
            buffer.put(index, src, off, len);
        }

        @Override
        public void fill(int index, int len, double value) {
            for (int j = 0; j < len; j++) {
                buffer.put(index + j, value);
            }
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }
    }
}
