package io.github.unigrad.dl4j;

import io.github.unigrad.host.BlockEvaluator;
import io.github.unigrad.host.NumberBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where ND4J arrays cross into plain Java memory and back. ND4J keeps its data
 * off-heap; an array that is laid out row-major without gaps is read and written in place through
 * its NIO buffer, starting at absolute index {@link INDArray#offset()} (views included); any other
 * layout is first copied once into a fresh row-major array.
 */
final class NdArrays {
    private NdArrays() {
    }

    /** True when the array's elements are consecutive in memory in row-major (C) order. */
    static boolean isRowMajorContiguous(INDArray a) {
        long expected = 1;
        long[] shape = a.shape();
        long[] stride = a.stride();
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * The array itself when it is row-major contiguous float or double data, otherwise a row-major
     * copy (in double for any other type).
     */
    static INDArray rowMajor(INDArray a) {
        DataType t = a.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            return a.castTo(DataType.DOUBLE).dup('c');
        }
        return isRowMajorContiguous(a) ? a : a.dup('c');
    }

    /** The array's memory as a {@link NumberBuffer}, indexed from {@link INDArray#offset()}; the array must be {@link #rowMajor}. */
    static NumberBuffer buffer(INDArray a) {
        switch (a.dataType()) {
            case FLOAT:
                return NumberBuffer.ofFloatBytes(a.data().asNio());
            case DOUBLE:
                return NumberBuffer.of(a.data().asNioDouble());
            default:
                throw new IllegalArgumentException("Unigrad reads float and double arrays; got " + a.dataType()
                        + " (configure the network with dataType FLOAT or DOUBLE)");
        }
    }

    /** The first element's absolute index in {@link #buffer}. */
    static int start(INDArray a) {
        return Math.toIntExact(a.offset());
    }

    /** The array's values in row-major order as a region of its own memory (of a row-major copy, if it is laid out otherwise). */
    static BlockEvaluator.Region region(INDArray a) {
        INDArray r = rowMajor(a);
        return new BlockEvaluator.Region(buffer(r), start(r));
    }

    /** A new row-major array of {@code type} holding {@code values}, written once. */
    static INDArray fromDoubles(double[] values, DataType type, long... shape) {
        INDArray out = Nd4j.createUninitialized(type, shape, 'c');
        buffer(out).write(start(out), values, 0, values.length);
        return out;
    }
}
