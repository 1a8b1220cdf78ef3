package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import io.github.unigrad.optim.GradientSummary;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.optim.Step;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseSparseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.Tensor;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;

/**
 * Any Unigrad optimiser as Tribuo's {@link StochasticGradientOptimiser}, configured by its spec:
 * {@code new UnigradOptimiser("adamw(lr=cosine(1e-3, steps=10000), weightDecay=0.01)")}, or
 * {@code <property name="optimiser" value="adagrad(lr=0.1)"/>} in OLCUT XML.
 *
 * <p><b>Conventions translated here.</b> Tribuo hands {@link #step} the <em>negative</em> gradient
 * (the ascent direction of the objective) of one example or of a minibatch, with the example's
 * weight, and adds what it gets back to the parameters; Unigrad's optimisers take the gradient and
 * return an update to subtract. So each step feeds {@code g = -weight · tribuoGradient} (the
 * gradient of the weighted loss: like Tribuo's AdaGrad, which multiplies the gradient by the
 * weight before it enters the accumulator) and returns {@code -u}. Tribuo's SGD instead applies
 * the weight after its momentum, and its AdaDelta and Adam ignore it; with unit weights all agree.
 * The step index counts {@code step} calls, from 0, so a schedule's {@code t} is the number of
 * updates made before this one.
 *
 * <p><b>State.</b> Between {@link #initialise} and {@link #reset}, the adapter owns one flat
 * {@code double[]} per state slab, covering every parameter tensor end to end (a matrix row by
 * row), and the step count. {@link #copy()} returns an optimiser with the same spec and no state:
 * the whole configuration survives (unlike Tribuo 4.3.2's {@code AdaGrad.copy()}, which drops the
 * initial accumulator value, and {@code Pegasos.copy()}, which swaps its arguments).
 *
 * <p><b>Speed.</b> A dense gradient ({@code DenseMatrix}, {@code DenseVector}) is read and written
 * on its own backing arrays (see {@link TribuoArrays}), with no call per element: its rows are copied
 * into a scratch array laid out like the state, where one pass scales them, one runs the rule over
 * the whole tensor and one negates, before they are copied back (stateless rules, and rules that
 * read the parameters, step row by row on the rows themselves). A sparse one
 * ({@code DenseSparseMatrix} rows of {@code SparseVector}, what {@code LinearSGDTrainer} produces
 * for sparse features) goes through the optimiser's sparse step, which touches only the active
 * entries and their state: a step costs what the gradient's non-zeros cost, whatever the rule.
 *
 * <p><b>Parameters.</b> Rules that read the parameters (decoupled weight decay, Pegasos) get them
 * from the {@link Parameters} given to {@link #initialise}; rules whose evaluation point differs from
 * their iterate (Schedule-Free, averaging) have {@link Optimiser#finalAdjustment} applied to the
 * parameters in {@link #finalise()}.
 */
public final class UnigradOptimiser implements StochasticGradientOptimiser {

    @Config(mandatory = true, description = "The optimiser, as a Unigrad catalogue spec, e.g. adam(lr=0.01) or adagrad(lr=0.1).")
    private String optimiser;

    private Optimiser rule;

    private Parameters parameters;
    /** Where each parameter tensor's state starts in the slabs; a matrix's row r starts at offset + r·cols. */
    private int[] offsets;
    private int[] rowLengths;
    private double[][] state;
    /**
     * Dense gradients laid out like the state, for rules that keep state and do not read the
     * parameters; else null (a stateless rule has no offset to align with: it steps on the rows).
     */
    private double[] scratch;
    private long steps;

    /** For OLCUT, which sets {@code optimiser} and then calls {@link #postConfig()}. */
    private UnigradOptimiser() {
    }

    /**
     * @param optimiser a catalogue optimiser spec
     * @throws PropertyException if the spec is bad
     */
    public UnigradOptimiser(String optimiser) {
        this.optimiser = optimiser;
        postConfig();
    }

    /**
     * Parses the spec and keeps its canonical form (every hyperparameter) for the provenance.
     *
     * @throws PropertyException naming the property, the spec and the reason
     */
    @Override
    public void postConfig() {
        if (optimiser == null) {
            throw new PropertyException("", "optimiser", "no optimiser spec given; valid optimisers: " + Optimisers.names());
        }
        try {
            rule = Optimisers.parse(optimiser);
        } catch (IllegalArgumentException e) {
            throw new PropertyException(e, "", "optimiser", "invalid optimiser '" + optimiser + "': " + e.getMessage());
        }
        optimiser = rule.spec().toString();
    }

    /** The configured optimiser. */
    public Optimiser optimiser() {
        return rule;
    }

    @Override
    public void initialise(Parameters parameters) {
        Tensor[] tensors = parameters.get();
        offsets = new int[tensors.length];
        rowLengths = new int[tensors.length];
        long total = 0;
        for (int i = 0; i < tensors.length; i++) {
            int[] shape = tensors[i].getShape();
            if (!(tensors[i] instanceof DenseMatrix || tensors[i] instanceof DenseVector)) {
                throw new IllegalArgumentException("parameter tensor " + i + " is a " + tensors[i].getClass().getName()
                        + "; " + optimiser + " updates DenseMatrix and DenseVector parameters");
            }
            offsets[i] = Math.toIntExact(total);
            rowLengths[i] = shape[shape.length - 1];
            total += Tensor.shapeSum(shape);
        }
        int n = Math.toIntExact(total);
        state = new double[rule.slabs()][n];
        rule.initialise(state, 0, n);
        scratch = rule.needsParameters() || rule.slabs() == 0 ? null : new double[n];
        this.parameters = parameters;
        steps = 0;
    }

    /**
     * One update: {@code updates} (Tribuo's negative gradient) is overwritten with the change to add
     * to the parameters and returned.
     */
    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        if (state == null) {
            throw new IllegalStateException(optimiser + ": step() called before initialise(Parameters)");
        }
        if (updates.length != offsets.length) {
            throw new IllegalArgumentException(optimiser + ": got " + updates.length + " gradient tensors for "
                    + offsets.length + " parameter tensors");
        }
        double[][][] params = rule.needsParameters() ? parameterRows() : null;
        GradientSummary summary = rule.needsGradientSummary() ? new GradientSummary() : null;
        Rows[] rows = new Rows[updates.length];
        for (int i = 0; i < updates.length; i++) {
            rows[i] = rows(i, updates[i]);
            if (summary != null) {
                toGradient(i, rows[i], weight, summary);
            }
        }
        Step s = rule.begin(steps, summary);
        for (int i = 0; i < updates.length; i++) {
            if (summary == null) {
                toGradient(i, rows[i], weight, null);
            }
            stepAndNegate(s, i, rows[i], params == null ? null : params[i]);
        }
        steps++;
        return updates;
    }

    /**
     * The rows of one gradient tensor (a vector is one row), read once per step, live: for a dense
     * tensor its row arrays ({@code indices} null), for a sparse one the values and indices of each
     * row's active entries and their number.
     */
    private record Rows(double[][] values, int[][] indices, int[] active) {
        boolean dense() {
            return indices == null;
        }
    }

    private Rows rows(int i, Tensor t) {
        if (t instanceof DenseMatrix m) {
            return new Rows(TribuoArrays.rows(m), null, null);
        } else if (t instanceof DenseVector v) {
            return new Rows(new double[][]{TribuoArrays.elements(v)}, null, null);
        }
        SparseVector[] sparse;
        if (t instanceof DenseSparseMatrix m) {
            sparse = new SparseVector[m.getDimension1Size()];
            for (int r = 0; r < sparse.length; r++) {
                sparse[r] = m.getRow(r);
            }
        } else if (t instanceof SparseVector v) {
            sparse = new SparseVector[]{v};
        } else {
            throw new IllegalArgumentException(optimiser + ": gradient tensor " + i + " is a " + t.getClass().getName()
                    + "; expected DenseMatrix, DenseSparseMatrix, DenseVector or SparseVector");
        }
        double[][] values = new double[sparse.length][];
        int[][] indices = new int[sparse.length][];
        int[] active = new int[sparse.length];
        for (int r = 0; r < sparse.length; r++) {
            values[r] = TribuoArrays.values(sparse[r]);
            indices[r] = TribuoArrays.indices(sparse[r]);
            active[r] = sparse[r].numActiveElements();
        }
        return new Rows(values, indices, active);
    }

    /**
     * Turns tensor {@code i} of Tribuo's negative gradient into the gradient of the weighted loss,
     * {@code g = -weight · update}: a dense tensor into the scratch (when there is one, contiguous,
     * at its state's offset, so that the rule runs one loop over it with the gradient and the state
     * at equal indices, the form the JIT vectorises), any other in place.
     */
    private void toGradient(int i, Rows rows, double weight, GradientSummary summary) {
        int cols = rowLengths[i];
        double[][] values = rows.values();
        if (rows.dense() && scratch != null) {
            int base = offsets[i];
            int n = values.length * cols;
            for (int r = 0; r < values.length; r++) {
                System.arraycopy(values[r], 0, scratch, base + r * cols, cols);
            }
            scale(scratch, base, base + n, -weight);
            if (summary != null) {
                summary.add(scratch, base, n);
            }
            return;
        }
        for (int r = 0; r < values.length; r++) {
            int n = rows.dense() ? cols : rows.active()[r];
            scale(values[r], 0, n, -weight);
            if (summary != null) {
                summary.add(values[r], 0, n);
            }
        }
    }

    /** Steps tensor {@code i} and writes the change for Tribuo to add, {@code -u}, back into it. */
    private void stepAndNegate(Step s, int i, Rows rows, double[][] params) {
        int cols = rowLengths[i];
        int base = offsets[i];
        double[][] values = rows.values();
        if (rows.dense() && scratch != null) {
            int n = values.length * cols;
            rule.dense(s, scratch, null, base, state, base, n);
            scale(scratch, base, base + n, -1);
            for (int r = 0; r < values.length; r++) {
                System.arraycopy(scratch, base + r * cols, values[r], 0, cols);
            }
        } else if (rows.dense()) {
            for (int r = 0; r < values.length; r++) {
                rule.dense(s, values[r], params == null ? null : params[r], 0, state, base + r * cols, cols);
                scale(values[r], 0, cols, -1);
            }
        } else {
            for (int r = 0; r < values.length; r++) {
                int n = rows.active()[r];
                rule.sparse(s, values[r], 0, n, rows.indices()[r], params == null ? null : params[r], 0, state,
                        base + r * cols);
                scale(values[r], 0, n, -1);
            }
        }
    }

    private static void scale(double[] u, int from, int to, double c) {
        for (int j = from; j < to; j++) {
            u[j] *= c;
        }
    }

    /** The current parameters' rows, tensor by tensor (a vector is one row), live. */
    private double[][][] parameterRows() {
        Tensor[] tensors = parameters.get();
        double[][][] rows = new double[tensors.length][][];
        for (int i = 0; i < tensors.length; i++) {
            rows[i] = tensors[i] instanceof DenseMatrix m ? TribuoArrays.rows(m)
                    : new double[][]{TribuoArrays.elements((DenseVector) tensors[i])};
        }
        return rows;
    }

    /**
     * Moves the parameters to the point the rule evaluates at, when it has one (Schedule-Free's
     * {@code x}, the average of the iterates): {@code θ ← θ - finalAdjustment(steps)}.
     */
    @Override
    public void finalise() {
        if (state == null || !rule.hasFinalAdjustment()) {
            return;
        }
        double[][][] params = parameterRows();
        for (int i = 0; i < params.length; i++) {
            int cols = rowLengths[i];
            double[] u = new double[cols];
            for (int r = 0; r < params[i].length; r++) {
                double[] p = params[i][r];
                rule.finalAdjustment(steps, u, 0, state, offsets[i] + r * cols, cols);
                for (int j = 0; j < cols; j++) {
                    p[j] -= u[j];
                }
            }
        }
    }

    /** Drops the state, the step count and the parameters. */
    @Override
    public void reset() {
        parameters = null;
        offsets = null;
        rowLengths = null;
        state = null;
        scratch = null;
        steps = 0;
    }

    /** Same spec (every hyperparameter), fresh state. */
    @Override
    public UnigradOptimiser copy() {
        return new UnigradOptimiser(optimiser);
    }

    /** The number of steps since {@link #initialise}. */
    public long steps() {
        return steps;
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }

    @Override
    public String toString() {
        return "UnigradOptimiser(optimiser=" + optimiser + ")";
    }
}
