package io.github.unigrad.host;

import io.github.unigrad.optim.Widening;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * A flat run of float or double numbers (a heap array or off-heap NIO memory), read and written in
 * blocks by bulk absolute copies (a memory copy for off-heap buffers), with no call per element.
 * {@link Floats} and {@link Doubles} also transfer blocks of their own type with no conversion,
 * which is how {@link BlockStepper} steps float buffers with the optimiser's float step; the
 * double transfers of a float buffer (for double computations such as the losses) go through a
 * float chunk and {@link Widening}. An instance is for one thread at a time ({@link #fork}).
 */
public sealed interface NumberBuffer permits NumberBuffer.Floats, NumberBuffer.Doubles {

    /** {@code dst[off + j] = this[index + j]} for {@code j < len}. */
    void read(int index, double[] dst, int off, int len);

    /** {@code this[index + j] = src[off + j]} for {@code j < len} (rounded to float for a float buffer). */
    void write(int index, double[] src, int off, int len);

    /** The same memory through an instance another thread may use at the same time (on other indices). */
    NumberBuffer fork();

    /** {@code this[index + j] = value} (rounded to the buffer's type) for {@code j < len}. */
    void fill(int index, int len, double value);

    /** Wraps a float buffer; indices are absolute (its position is ignored). */
    static NumberBuffer of(FloatBuffer buffer) {
        return new Floats(buffer, new float[Floats.CHUNK], null);
    }

    /**
     * Wraps memory holding floats, seen as bytes (ND4J's {@code DataBuffer.asNio()}); float index {@code i} is bytes
     * {@code 4i..4i+3}, in native order. A direct buffer is one {@link BlockStepper} can step in place, vectorised
     * ({@link io.github.unigrad.optim.VectorRoute}).
     */
    static NumberBuffer ofFloatBytes(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.nativeOrder());
        return new Floats(b.position(0).asFloatBuffer(), new float[Floats.CHUNK], b);
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

    /**
     * Float storage; the chunk (for the double transfers) makes an instance single-threaded. {@code bytes}, when not
     * null, is the same memory as native-order bytes ({@link #ofFloatBytes}).
     */
    record Floats(FloatBuffer buffer, float[] chunk, ByteBuffer bytes) implements NumberBuffer {
        static final int CHUNK = 2048;

        @Override
        public void read(int index, double[] dst, int off, int len) {
            for (int done = 0; done < len; done += chunk.length) {
                int n = Math.min(chunk.length, len - done);
                buffer.get(index + done, chunk, 0, n);
                Widening.widen(chunk, 0, dst, off + done, n);
            }
        }

        @Override
        public void write(int index, double[] src, int off, int len) {
            for (int done = 0; done < len; done += chunk.length) {
                int n = Math.min(chunk.length, len - done);
                Widening.narrow(src, off + done, chunk, 0, n);
                buffer.put(index + done, chunk, 0, n);
            }
        }

        @Override
        public NumberBuffer fork() {
            return new Floats(buffer, new float[chunk.length], bytes);
        }

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
        /** Absolute bulk transfers keep no per-instance state, so the instance itself is shared. */
        @Override
        public NumberBuffer fork() {
            return this;
        }

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
    }
}
