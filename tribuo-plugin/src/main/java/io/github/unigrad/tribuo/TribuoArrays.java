package io.github.unigrad.tribuo;

import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SparseVector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Direct access to the primitive arrays behind Tribuo 4.3.2's tensors, so that an optimiser step
 * or an objective reads and writes them in tight loops instead of one virtual call (or one lambda)
 * per element.
 *
 * <p>Why reflection: tribuo-math exposes no public accessor for its backing arrays. The public
 * routes either copy ({@code DenseVector.toArray()}, {@code DenseMatrix.toArray()}) or call a
 * {@code DoubleUnaryOperator} / an iterator tuple per element ({@code foreachInPlace},
 * {@code intersectAndAddInPlace}, {@code SparseVector.iterator()}), and a sparse vector's indices
 * are not reachable at all without a per-element tuple. The fields ({@code DenseMatrix.values},
 * {@code DenseVector.elements}, {@code SparseVector.indices} and {@code values}) are protected, so
 * a {@link VarHandle} obtained once through {@link MethodHandles#privateLookupIn} reads them at the
 * cost of a field load. That works on the class path (unnamed module) and on the module path
 * (tribuo-math is an automatic module, whose packages are open). {@code DenseMatrix.getRow} and
 * {@code DenseSparseMatrix.getRow} return views, not copies, so rows of a sparse matrix need no
 * reflection.
 */
final class TribuoArrays {
    private static final VarHandle MATRIX_ROWS = field(DenseMatrix.class, "values", double[][].class);
    private static final VarHandle VECTOR_ELEMENTS = field(DenseVector.class, "elements", double[].class);
    private static final VarHandle SPARSE_INDICES = field(SparseVector.class, "indices", int[].class);
    private static final VarHandle SPARSE_VALUES = field(SparseVector.class, "values", double[].class);

    private TribuoArrays() {
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException | SecurityException e) {
            throw new ExceptionInInitializerError("cannot reach " + owner.getName() + "." + name + " (" + type.getSimpleName()
                    + "): the Unigrad Tribuo adapter is built for Tribuo 4.3.2's tensors; " + e);
        }
    }

    /** The rows of a dense matrix, live (row {@code i} is {@code values[i]}). */
    static double[][] rows(DenseMatrix m) {
        return (double[][]) MATRIX_ROWS.get(m);
    }

    /** The elements of a dense vector, live. */
    static double[] elements(DenseVector v) {
        return (double[]) VECTOR_ELEMENTS.get(v);
    }

    /** The sorted active indices of a sparse vector, live. */
    static int[] indices(SparseVector v) {
        return (int[]) SPARSE_INDICES.get(v);
    }

    /** The values at the active indices of a sparse vector, live. */
    static double[] values(SparseVector v) {
        return (double[]) SPARSE_VALUES.get(v);
    }
}
