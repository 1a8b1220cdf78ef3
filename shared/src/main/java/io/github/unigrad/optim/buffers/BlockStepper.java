package io.github.unigrad.optim.buffers;

import io.github.unigrad.optim.GradientSummary;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Step;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

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
 * <p><b>Threads.</b> A step over at least {@link #PARALLEL_THRESHOLD} values is cut into up to
 * {@code threads} contiguous pieces, one on the calling thread and the others on the common
 * fork-join pool; the step contract allows any cut, and each value's arithmetic is the same, so
 * the result does not depend on the number of threads. Each piece has its own scratch ("lane"),
 * allocated once; a stepper serves one caller at a time (keep one per updater).
 */
public final class BlockStepper {
    /** Default block length: 2048 doubles per array, which keeps a block of Adam's three arrays in L1/L2. */
    public static final int DEFAULT_BLOCK = 2048;
    /** Steps over fewer values run on the calling thread alone. */
    public static final int PARALLEL_THRESHOLD = 1 << 19;

    private final int block;
    private final Lane[] lanes;

    /** Blocks of {@link #DEFAULT_BLOCK}, as many threads as the common pool has workers plus the caller. */
    public BlockStepper() {
        this(DEFAULT_BLOCK, ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    /** One thread, blocks of {@code block} values. */
    public BlockStepper(int block) {
        this(block, 1);
    }

    public BlockStepper(int block, int threads) {
        if (block <= 0) {
            throw new IllegalArgumentException("block length must be >= 1, got " + block);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.block = block;
        this.lanes = new Lane[threads];
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
        double[] u = (lanes[0] != null ? lanes[0] : lane(0, 0)).update;
        GradientSummary summary = new GradientSummary();
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            gradient.read(go + start, u, 0, len);
            summary.add(u, 0, len);
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
        int pieces = n < PARALLEL_THRESHOLD ? 1 : Math.min(lanes.length, n / (PARALLEL_THRESHOLD / 2));
        if (pieces <= 1) {
            lane(0, k).run(optimiser, step, gradient, go, state, stateStarts, 0, n);
            return;
        }
        int per = (n / pieces + block - 1) / block * block;
        CompletableFuture<?>[] others = new CompletableFuture<?>[pieces - 1];
        for (int p = 1; p < pieces; p++) {
            Lane lane = lane(p, k);
            NumberBuffer g = gradient.fork();
            NumberBuffer[] s = new NumberBuffer[k];
            for (int q = 0; q < k; q++) {
                s[q] = state[q].fork();
            }
            int from = Math.min(n, p * per);
            int to = p == pieces - 1 ? n : Math.min(n, (p + 1) * per);
            others[p - 1] = CompletableFuture.runAsync(() -> lane.run(optimiser, step, g, go, s, stateStarts, from, to),
                    ForkJoinPool.commonPool());
        }
        lane(0, k).run(optimiser, step, gradient, go, state, stateStarts, 0, Math.min(n, per));
        try {
            CompletableFuture.allOf(others).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static void requireSlabs(Optimiser optimiser, NumberBuffer[] state, int[] stateStarts) {
        if (state.length != optimiser.slabs() || stateStarts.length != optimiser.slabs()) {
            throw new IllegalArgumentException(optimiser.spec() + " keeps " + optimiser.slabs() + " state slabs; got "
                    + state.length + " buffers and " + stateStarts.length + " start indices");
        }
    }

    /** Lane {@code p} with scratch for {@code k} slabs. */
    private Lane lane(int p, int k) {
        if (lanes[p] == null || lanes[p].slabs.length != k) {
            lanes[p] = new Lane(block, k);
        }
        return lanes[p];
    }

    /** One thread's scratch: a block of the update and of each state slab. */
    private static final class Lane {
        final double[] update;
        final double[][] slabs;

        Lane(int block, int k) {
            update = new double[block];
            slabs = new double[k][block];
        }

        /** The step over values {@code [from, to)} of the piece. */
        void run(Optimiser optimiser, Step step, NumberBuffer gradient, int go, NumberBuffer[] state, int[] starts, int from, int to) {
            int block = update.length;
            int k = slabs.length;
            for (int start = from; start < to; start += block) {
                int len = Math.min(block, to - start);
                gradient.read(go + start, update, 0, len);
                for (int q = 0; q < k; q++) {
                    state[q].read(starts[q] + start, slabs[q], 0, len);
                }
                optimiser.dense(step, update, null, 0, slabs, 0, len);
                gradient.write(go + start, update, 0, len);
                for (int q = 0; q < k; q++) {
                    state[q].write(starts[q] + start, slabs[q], 0, len);
                }
            }
        }
    }
}
