package io.github.unigrad.optim.buffers;

import io.github.unigrad.optim.GradientSummary;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Step;

/**
 * Runs an {@link Optimiser} over parameters whose gradient and state live in {@link NumberBuffer}s
 * (e.g. a framework's off-heap float memory) by streaming them through double scratch blocks: each
 * block of the gradient and of its state slabs is read once, stepped with
 * {@link Optimiser#dense}, and written back once. One pass over memory; the per-element work is the
 * optimiser's own primitive loop.
 *
 * <p>Layout: {@code n} gradient values from {@code gradient[go]}; state slab {@code k} at
 * {@code state[so + k·n, so + (k+1)·n)} (DL4J's updater-state layout, e.g. Adam's {@code [M | V]}).
 *
 * <p>The scratch arrays are allocated once (per stepper and slab count), so a stepper is not
 * thread-safe: keep one per updater.
 */
public final class BlockStepper {
    /** Default block length: 2048 doubles per array, which keeps a block of Adam's three arrays in L1/L2. */
    public static final int DEFAULT_BLOCK = 2048;

    private final int block;
    private double[] update;
    private double[][] slabs = new double[0][];

    public BlockStepper() {
        this(DEFAULT_BLOCK);
    }

    public BlockStepper(int block) {
        if (block <= 0) {
            throw new IllegalArgumentException("block length must be >= 1, got " + block);
        }
        this.block = block;
        this.update = new double[block];
    }

    /** Fills the optimiser's state slabs with their initial values. */
    public void initialise(Optimiser optimiser, NumberBuffer state, int so, int n) {
        for (int k = 0; k < optimiser.slabs(); k++) {
            state.fill(so + k * n, n, optimiser.initialValue(k));
        }
    }

    /**
     * The gradient's summary (global norm, finiteness), for optimisers that
     * {@linkplain Optimiser#needsGradientSummary() need one}; read block by block.
     */
    public GradientSummary summarise(NumberBuffer gradient, int go, int n) {
        GradientSummary summary = new GradientSummary();
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            gradient.read(go + start, update, 0, len);
            summary.add(update, 0, len);
        }
        return summary;
    }

    /**
     * One optimiser step at 0-based {@code index}: begins the step (with the gradient's summary when
     * the optimiser needs one) and applies it. The gradient is overwritten with the update to subtract.
     */
    public void step(Optimiser optimiser, long index, NumberBuffer gradient, int go, NumberBuffer state, int so, int n) {
        GradientSummary summary = optimiser.needsGradientSummary() ? summarise(gradient, go, n) : null;
        apply(optimiser, optimiser.begin(index, summary), gradient, go, state, so, n);
    }

    /** Applies an already begun {@code step} over the {@code n} values; the gradient becomes the update. */
    public void apply(Optimiser optimiser, Step step, NumberBuffer gradient, int go, NumberBuffer state, int so, int n) {
        if (optimiser.needsParameters()) {
            throw new IllegalArgumentException(optimiser.spec() + " reads the parameters, which a buffer step does not have");
        }
        int k = optimiser.slabs();
        double[][] s = scratchSlabs(k);
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            gradient.read(go + start, update, 0, len);
            for (int q = 0; q < k; q++) {
                state.read(so + q * n + start, s[q], 0, len);
            }
            optimiser.dense(step, update, null, 0, s, 0, len);
            gradient.write(go + start, update, 0, len);
            for (int q = 0; q < k; q++) {
                state.write(so + q * n + start, s[q], 0, len);
            }
        }
    }

    private double[][] scratchSlabs(int k) {
        if (slabs.length != k) {
            double[][] grown = new double[k][];
            for (int q = 0; q < k; q++) {
                grown[q] = q < slabs.length ? slabs[q] : new double[block];
            }
            slabs = grown;
        }
        return slabs;
    }

    public int blockLength() {
        return block;
    }
}
