package io.github.unigrad.optim.buffers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * A flat run of float or double numbers (a heap array or off-heap NIO memory) read and written in
 * blocks of doubles. The two implementations are the only per-element loops: one virtual call per
 * block, none per element. An instance is for one thread at a time.
 */
public sealed interface NumberBuffer permits NumberBuffer.Floats, NumberBuffer.Doubles {

    /** {@code dst[off + j] = this[index + j]} for {@code j < len}. */
    void read(int index, double[] dst, int off, int len);

    /** {@code this[index + j] = src[off + j]} for {@code j < len} (rounded to float for a float buffer). */
    void write(int index, double[] src, int off, int len);

    /** {@code this[index + j] = value} for {@code j < len}. */
    void fill(int index, int len, double value);

    /** The same memory through an instance another thread may use at the same time (on other indices). */
    NumberBuffer fork();

    /** Wraps a float buffer; indices are absolute (its position is ignored). */
    static NumberBuffer of(FloatBuffer buffer) {
        return new Floats(buffer, new float[Floats.CHUNK]);
    }

    /** Wraps a double buffer; indices are absolute (its position is ignored). */
    static NumberBuffer of(DoubleBuffer buffer) {
        return new Doubles(buffer);
    }

    static NumberBuffer of(float[] array) {
        return of(FloatBuffer.wrap(array));
    }

    static NumberBuffer of(double[] array) {
        return new Doubles(DoubleBuffer.wrap(array));
    }

    /**
     * Float storage: values are widened to double on read and rounded to nearest on write. Each
     * transfer is a bulk copy through a float chunk (a memory copy for off-heap buffers) and a
     * widening or narrowing loop over heap arrays; the chunk makes an instance single-threaded.
     */
    record Floats(FloatBuffer buffer, float[] chunk) implements NumberBuffer {
        static final int CHUNK = 2048;

        @Override
        public void read(int index, double[] dst, int off, int len) {
            float[] c = chunk;
            for (int done = 0; done < len; done += c.length) {
                int n = Math.min(c.length, len - done);
                buffer.get(index + done, c, 0, n);
                for (int j = 0; j < n; j++) {
                    dst[off + done + j] = c[j];
                }
            }
        }

        @Override
        public void write(int index, double[] src, int off, int len) {
            float[] c = chunk;
            for (int done = 0; done < len; done += c.length) {
                int n = Math.min(c.length, len - done);
                for (int j = 0; j < n; j++) {
                    c[j] = (float) src[off + done + j];
                }
                buffer.put(index + done, c, 0, n);
            }
        }

        @Override
        public NumberBuffer fork() {
            return new Floats(buffer, new float[chunk.length]);
        }

        @Override
        public void fill(int index, int len, double value) {
            float v = (float) value;
            for (int j = 0; j < len; j++) {
                buffer.put(index + j, v);
            }
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

        /** Absolute bulk transfers keep no per-instance state, so the instance itself is shared. */
        @Override
        public NumberBuffer fork() {
            return this;
        }
    }
}
