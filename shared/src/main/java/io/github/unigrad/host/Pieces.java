package io.github.unigrad.host;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Cuts a range {@code [0, n)} into contiguous pieces and runs them at the same time: the first on the
 * calling thread, the others on the common fork-join pool. Shared by {@link BlockStepper} and
 * {@link BlockEvaluator}, whose work on one index never depends on another piece's, so results do not
 * depend on the cut.
 */
final class Pieces {
    private Pieces() {
    }

    /** The work on one piece: piece number {@code p} (its scratch), indices {@code [from, to)}. */
    @FunctionalInterface
    interface Body {
        void run(int p, int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@code pieces} pieces whose boundaries are multiples of
     * {@code align} (the last piece takes the rest); waits for all, and rethrows the first failure as it
     * was thrown.
     */
    static void run(int pieces, int n, int align, Body body) {
        if (pieces <= 1) {
            body.run(0, 0, n);
            return;
        }
        int per = (n / pieces + align - 1) / align * align;
        CompletableFuture<?>[] others = new CompletableFuture<?>[pieces - 1];
        for (int p = 1; p < pieces; p++) {
            int piece = p;
            int from = Math.min(n, p * per);
            int to = p == pieces - 1 ? n : Math.min(n, (p + 1) * per);
            others[p - 1] = CompletableFuture.runAsync(() -> body.run(piece, from, to), ForkJoinPool.commonPool());
        }
        RuntimeException first = null;
        try {
            body.run(0, 0, Math.min(n, per));
        } catch (RuntimeException e) {
            first = e;
        }
        try {
            CompletableFuture.allOf(others).join();
        } catch (CompletionException e) {
            if (first == null) {
                first = e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The number of threads to use by default: the common pool's workers and the caller. */
    static int defaultThreads() {
        return ForkJoinPool.getCommonPoolParallelism() + 1;
    }
}
