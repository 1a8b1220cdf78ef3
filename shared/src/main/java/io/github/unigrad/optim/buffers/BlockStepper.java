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
 * <p>Layout: {@code n} gradient values from {@code gradient[go]}; state slab {@code k} is {@code n}
 * values from {@code state[k][stateStarts[k]]}. DL4J's updater-state view, with its slabs one after
 * another (Adam's {@code [M | V]}), is one buffer passed k times with starts {@code so + k·n}.
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
    public void initialise(Optimiser optimiser, NumberBuffer[] state, int[] stateStarts, int n) {
        requireSlabs(optimiser, state, stateStarts);
        for (int k = 0; k < optimiser.slabs(); k++) {
            state[k].fill(stateStarts[k], n, optimiser.initialValue(k));
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

    /** Begins step {@code index} (0-based), with the gradient's summary when the optimiser needs one. */
    public Step begin(Optimiser optimiser, long index, NumberBuffer gradient, int go, int n) {
        return optimiser.begin(index, optimiser.needsGradientSummary() ? summarise(gradient, go, n) : null);
    }

    /**
     * Applies a begun {@code step} to the {@code n} gradient values from {@code gradient[go]}, whose
     * state slab {@code k} is {@code state[k]} from {@code stateStarts[k]}; the gradient is overwritten
     * with the update to subtract, the slabs with the new state.
     */
    public void apply(Optimiser optimiser, Step step, NumberBuffer gradient, int go, NumberBuffer[] state, int[] stateStarts, int n) {
        if (optimiser.needsParameters()) {
            throw new IllegalArgumentException(optimiser.spec() + " reads the parameters, which a buffer step does not have");
        }
        requireSlabs(optimiser, state, stateStarts);
        int k = optimiser.slabs();
        double[][] s = scratchSlabs(k);
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            gradient.read(go + start, update, 0, len);
            for (int q = 0; q < k; q++) {
                state[q].read(stateStarts[q] + start, s[q], 0, len);
            }
            optimiser.dense(step, update, null, 0, s, 0, len);
            gradient.write(go + start, update, 0, len);
            for (int q = 0; q < k; q++) {
                state[q].write(stateStarts[q] + start, s[q], 0, len);
            }
        }
    }

    private static void requireSlabs(Optimiser optimiser, NumberBuffer[] state, int[] stateStarts) {
        if (state.length != optimiser.slabs() || stateStarts.length != optimiser.slabs()) {
            throw new IllegalArgumentException(optimiser.spec() + " keeps " + optimiser.slabs() + " state slabs; got "
                    + state.length + " buffers and " + stateStarts.length + " start indices");
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
