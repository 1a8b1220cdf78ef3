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
 * row by row on its own backing arrays (see {@link TribuoArrays}), with no call per element: each
 * row is copied, scaled, into a scratch array at its state's offset, stepped there, and copied back
 * negated (rules that read the parameters step on the row itself). A sparse one
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
    /** Dense gradient rows at their state's offsets, for rules that do not read the parameters; else null. */
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
        scratch = rule.needsParameters() ? null : new double[n];
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
        double toGradient = -weight;
        double[][][] params = rule.needsParameters() ? parameterRows() : null;
        Step s;
        if (rule.needsGradientSummary()) {
            GradientSummary summary = new GradientSummary();
            forEachPiece(updates, params, (u, from, to, idx, p, so) -> {
                gradientIn(u, from, to, idx, so, toGradient);
                if (usesScratch(idx)) {
                    summary.add(scratch, so, to - from);
                } else {
                    summary.add(u, from, to - from);
                }
            });
            s = rule.begin(steps, summary);
            forEachPiece(updates, params, (u, from, to, idx, p, so) -> {
                apply(s, u, from, to, idx, p, so);
                updateOut(u, from, to, idx, so);
            });
        } else {
            s = rule.begin(steps, null);
            forEachPiece(updates, params, (u, from, to, idx, p, so) -> {
                gradientIn(u, from, to, idx, so, toGradient);
                apply(s, u, from, to, idx, p, so);
                updateOut(u, from, to, idx, so);
            });
        }
        steps++;
        return updates;
    }

    /**
     * A dense piece goes through the scratch when the rule does not read the parameters: there it
     * sits at the same offset as its state, so the rule's loops index every array alike (the form the
     * JIT vectorises), where on the row itself the gradient and the state would be at different offsets.
     */
    private boolean usesScratch(int[] idx) {
        return idx == null && scratch != null;
    }

    /** Tribuo's negative gradient times the weight's sign-flipped scale, i.e. the gradient of the weighted loss. */
    private void gradientIn(double[] u, int from, int to, int[] idx, int so, double c) {
        if (usesScratch(idx)) {
            for (int j = from, k = so; j < to; j++, k++) {
                scratch[k] = c * u[j];
            }
        } else {
            for (int j = from; j < to; j++) {
                u[j] *= c;
            }
        }
    }

    private void apply(Step s, double[] u, int from, int to, int[] idx, double[] p, int so) {
        if (usesScratch(idx)) {
            rule.dense(s, scratch, null, so, state, so, to - from);
        } else if (idx == null) {
            rule.dense(s, u, p, from, state, so, to - from);
        } else {
            rule.sparse(s, u, from, to, idx, p, 0, state, so);
        }
    }

    /** Our update, to subtract, as Tribuo's change, to add. */
    private void updateOut(double[] u, int from, int to, int[] idx, int so) {
        if (usesScratch(idx)) {
            for (int j = from, k = so; j < to; j++, k++) {
                u[j] = -scratch[k];
            }
        } else {
            for (int j = from; j < to; j++) {
                u[j] = -u[j];
            }
        }
    }

    /** One contiguous piece of a gradient: dense ({@code idx == null}) or the active entries of a sparse row. */
    @FunctionalInterface
    private interface Piece {
        /**
         * @param u    the values; the piece is {@code u[from..to)}
         * @param idx  for a sparse row, the parameter index of each value; null for a dense row
         * @param p    the parameter row (indexed like {@code u} for a dense row, by {@code idx} for a sparse one), or null
         * @param so   where the row's state starts in the slabs
         */
        void accept(double[] u, int from, int to, int[] idx, double[] p, int so);
    }

    private void forEachPiece(Tensor[] updates, double[][][] params, Piece piece) {
        for (int i = 0; i < updates.length; i++) {
            Tensor t = updates[i];
            int cols = rowLengths[i];
            if (t instanceof DenseMatrix m) {
                double[][] rows = TribuoArrays.rows(m);
                for (int r = 0; r < rows.length; r++) {
                    piece.accept(rows[r], 0, cols, null, params == null ? null : params[i][r], offsets[i] + r * cols);
                }
            } else if (t instanceof DenseSparseMatrix m) {
                for (int r = 0, rows = m.getDimension1Size(); r < rows; r++) {
                    SparseVector row = m.getRow(r);
                    piece.accept(TribuoArrays.values(row), 0, row.numActiveElements(), TribuoArrays.indices(row),
                            params == null ? null : params[i][r], offsets[i] + r * cols);
                }
            } else if (t instanceof DenseVector v) {
                piece.accept(TribuoArrays.elements(v), 0, cols, null, params == null ? null : params[i][0], offsets[i]);
            } else if (t instanceof SparseVector v) {
                piece.accept(TribuoArrays.values(v), 0, v.numActiveElements(), TribuoArrays.indices(v),
                        params == null ? null : params[i][0], offsets[i]);
            } else {
                throw new IllegalArgumentException(optimiser + ": gradient tensor " + i + " is a " + t.getClass().getName()
                        + "; expected DenseMatrix, DenseSparseMatrix, DenseVector or SparseVector");
            }
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
