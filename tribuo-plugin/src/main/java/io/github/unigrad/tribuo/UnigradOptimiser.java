package io.github.unigrad.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.unigrad.spec.Excerpt;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import io.github.unigrad.optim.GradientSummary;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.optim.SparseRows;
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
 * <p><b>State.</b> Between {@link #initialise} and {@link #reset}, the adapter owns the state of
 * every row of every parameter tensor (a vector is one row), laid out as Tribuo lays out the
 * parameters: one {@code double[]} per state slab and row, and the step count. {@link #copy()}
 * returns an optimiser with the same spec and no state: the whole configuration survives (unlike
 * Tribuo 4.3.2's {@code AdaGrad.copy()}, which drops the initial accumulator value, and
 * {@code Pegasos.copy()}, which swaps its arguments).
 *
 * <p><b>Speed.</b> The gradient's rows are read and written on their own backing arrays (see
 * {@link TribuoArrays}), with no call per element and nothing allocated per row: a dense row
 * ({@code DenseMatrix}, {@code DenseVector}) goes through the optimiser's dense step, its state at
 * the same indices (the loop the JIT vectorises); a sparse one ({@code DenseSparseMatrix} rows of
 * {@code SparseVector}, what {@code LinearSGDTrainer} produces for sparse features) through its
 * sparse step, which touches only the active entries and their state: a step costs what the
 * gradient's non-zeros cost, whatever the rule. The factors {@code -weight} and {@code -1} go in
 * through {@link Optimiser#dense(Step, double, double, double[], double[], int, double[][], int)},
 * which folds them into the rule's own pass: plain SGD is one pass over the gradient, as Tribuo's
 * {@code SGD}, and AdaGrad two, as Tribuo's {@code AdaGrad}. A matrix goes to the optimiser in one call
 * ({@link Optimiser#denseRows}; {@link Optimiser#sparseRows}, which reads the rows in place through
 * {@link SparseRows}), so the chain's per-call work is done once per tensor, as Tribuo's does;
 * {@code TribuoOptimiserStepBenchmark} measures the step alone.
 *
 * <p><b>Parameters.</b> Rules that read the parameters (decoupled weight decay, Pegasos) get them
 * from the {@link Parameters} given to {@link #initialise}; rules whose evaluation point differs from
 * their iterate (Schedule-Free, averaging, {@code prox_l1}'s pending catch-up) have
 * {@link Optimiser#finalAdjustment} applied to the parameters in {@link #finalise()}.
 */
public final class UnigradOptimiser implements StochasticGradientOptimiser {

    @Config(mandatory = true, description = "The optimiser, as a Unigrad catalogue spec, e.g. adam(lr=0.01) or adagrad(lr=0.1).")
    private String optimiser;

    private Optimiser rule;

    private Parameters parameters;
    /** Row length of each parameter tensor. */
    private int[] cols;
    /** {@code state[i][r]}: the slabs of row r of parameter tensor i (a vector is one row). */
    private double[][][][] state;
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
     * An optimiser built in Java rather than parsed, e.g. a {@code Chain} of transforms; its spec is kept
     * for the provenance and {@link #copy()}.
     */
    public UnigradOptimiser(Optimiser optimiser) {
        this.rule = java.util.Objects.requireNonNull(optimiser, "optimiser");
        this.optimiser = optimiser.spec().toString();
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
            throw new PropertyException(e, "", "optimiser", "invalid optimiser '" + Excerpt.of(optimiser) + "': " + e.getMessage());
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
        cols = new int[tensors.length];
        state = new double[tensors.length][][][];
        for (int i = 0; i < tensors.length; i++) {
            if (!(tensors[i] instanceof DenseMatrix || tensors[i] instanceof DenseVector)) {
                throw new IllegalArgumentException("parameter tensor " + i + " is a " + tensors[i].getClass().getName()
                        + "; " + optimiser + " updates DenseMatrix and DenseVector parameters");
            }
            int[] shape = tensors[i].getShape();
            cols[i] = shape[shape.length - 1];
            int rows = shape.length == 1 ? 1 : shape[0];
            state[i] = new double[rows][rule.slabs()][cols[i]];
            for (double[][] row : state[i]) {
                rule.initialise(row, 0, cols[i]);
            }
        }
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
        if (updates.length != state.length) {
            throw new IllegalArgumentException(optimiser + ": got " + updates.length + " gradient tensors for "
                    + state.length + " parameter tensors");
        }
        double gradientScale = -weight;
        GradientSummary summary = null;
        if (rule.needsGradientSummary()) {
            GradientSummary sum = new GradientSummary();
            for (int i = 0; i < updates.length; i++) {
                eachRow(i, updates[i], (r, values, indices, n) -> sum.add(scale(values, n, -weight), 0, n));
            }
            summary = sum;
            gradientScale = 1;
        }
        Step s = rule.begin(steps, summary);
        Tensor[] params = rule.needsParameters() ? parameters.get() : null;
        for (int i = 0; i < updates.length; i++) {
            step(s, gradientScale, i, updates[i], params == null ? null : params[i]);
        }
        steps++;
        return updates;
    }

    /** Steps tensor {@code i}, row by row, leaving the change for Tribuo to add, {@code -u}, in it. */
    private void step(Step s, double gradientScale, int i, Tensor gradient, Tensor params) {
        double[][][] rowStates = state[i];
        double[][] paramRows = params == null ? null : rows(params);
        if (gradient instanceof DenseMatrix m) {
            rule.denseRows(s, gradientScale, -1, TribuoArrays.rows(m), paramRows, rowStates, cols[i]);
            return;
        }
        if (gradient instanceof DenseSparseMatrix m && m.getDimension1Size() == rowStates.length) {
            rule.sparseRows(s, gradientScale, -1, new MatrixRows(m), paramRows, rowStates);
            return;
        }
        eachRow(i, gradient, (r, values, indices, n) -> {
            double[] p = paramRows == null ? null : paramRows[r];
            if (indices == null) {
                rule.dense(s, gradientScale, -1, values, p, 0, rowStates[r], n);
            } else {
                rule.sparse(s, gradientScale, -1, values, 0, n, indices, p, 0, rowStates[r]);
            }
        });
    }

    /** A {@code DenseSparseMatrix}'s rows, read in place: each row's arrays are its {@code SparseVector}'s, live. */
    private record MatrixRows(DenseSparseMatrix m) implements SparseRows {
        @Override
        public int rows() {
            return m.getDimension1Size();
        }

        @Override
        public double[] values(int r) {
            return TribuoArrays.values(m.getRow(r));
        }

        @Override
        public int[] indices(int r) {
            return TribuoArrays.indices(m.getRow(r));
        }

        @Override
        public int count(int r) {
            return m.getRow(r).numActiveElements();
        }
    }

    /** What to do with one row of a gradient tensor: its values, live, and for a sparse row its indices. */
    @FunctionalInterface
    private interface RowAction {
        /**
         * @param indices the indices of a sparse row's active entries, null for a dense row
         * @param n       the number of entries (a dense row's length, a sparse row's active count)
         */
        void row(int r, double[] values, int[] indices, int n);
    }

    /** Runs {@code action} on each row of tensor {@code i} of the gradient (a vector is one row). */
    private void eachRow(int i, Tensor t, RowAction action) {
        if (t instanceof DenseMatrix m) {
            double[][] rows = TribuoArrays.rows(m);
            for (int r = 0; r < rows.length; r++) {
                action.row(r, rows[r], null, cols[i]);
            }
        } else if (t instanceof DenseVector v) {
            action.row(0, TribuoArrays.elements(v), null, cols[i]);
        } else if (t instanceof DenseSparseMatrix m) {
            for (int r = 0, rows = m.getDimension1Size(); r < rows; r++) {
                sparseRow(r, m.getRow(r), action);
            }
        } else if (t instanceof SparseVector v) {
            sparseRow(0, v, action);
        } else {
            throw new IllegalArgumentException(optimiser + ": gradient tensor " + i + " is a " + t.getClass().getName()
                    + "; expected DenseMatrix, DenseSparseMatrix, DenseVector or SparseVector");
        }
    }

    private static void sparseRow(int r, SparseVector v, RowAction action) {
        action.row(r, TribuoArrays.values(v), TribuoArrays.indices(v), v.numActiveElements());
    }

    private static double[] scale(double[] u, int n, double c) {
        for (int j = 0; j < n; j++) {
            u[j] *= c;
        }
        return u;
    }

    /** The rows of a parameter tensor (a vector is one row), live. */
    private static double[][] rows(Tensor t) {
        return t instanceof DenseMatrix m ? TribuoArrays.rows(m) : new double[][]{TribuoArrays.elements((DenseVector) t)};
    }

    /**
     * Moves the parameters to the point the rule evaluates at, when it has one (Schedule-Free's
     * {@code x}, the average of the iterates, {@code prox_l1}'s shrinkage of the coordinates a sparse
     * run skipped since it last saw them): {@code θ ← θ - finalAdjustment(steps)}.
     */
    @Override
    public void finalise() {
        if (state == null || !rule.hasFinalAdjustment()) {
            return;
        }
        Tensor[] tensors = parameters.get();
        for (int i = 0; i < tensors.length; i++) {
            double[][] params = rows(tensors[i]);
            double[] u = new double[cols[i]];
            for (int r = 0; r < params.length; r++) {
                double[] p = params[r];
                rule.finalAdjustment(steps, u, p, 0, state[i][r], cols[i]);
                for (int j = 0; j < cols[i]; j++) {
                    p[j] -= u[j];
                }
            }
        }
    }

    /** Drops the state, the step count and the parameters. */
    @Override
    public void reset() {
        parameters = null;
        cols = null;
        state = null;
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
