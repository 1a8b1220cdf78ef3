package io.github.unigrad.host;

import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;

/**
 * Evaluates a {@link Loss} on a minibatch whose arrays live in {@link NumberBuffer}s (a framework's
 * off-heap float or double memory) by streaming it through blocks of rows: each block's predictions,
 * targets, example weights and output mask are read once into small double arrays (cache-sized, so
 * the conversion from float costs no trip to main memory), the loss runs on the block, and the
 * block's gradient is written once into the gradient buffer. No array of the minibatch's size is
 * made in double; each buffer is read (or written) once.
 *
 * <p>Rows are independent for every loss that is not {@linkplain Loss#isBatchCoupled() batch-coupled},
 * so a large minibatch (at least {@link #PARALLEL_THRESHOLD} predictions) is cut into pieces of whole
 * blocks that run at the same time, one on the calling thread and the others on the common fork-join
 * pool. Each example's arithmetic is the same whatever the cut, so results do not depend on the
 * number of threads. A batch-coupled loss (batch RMSE) is evaluated as one block on the calling
 * thread. An error names examples by their index in the whole minibatch ({@link LossBatch#withFirstRow}).
 *
 * <p>An instance holds only its settings, so one evaluator may serve several threads; the block
 * arrays belong to the thread that runs the block and are kept for its next call (except a
 * batch-coupled loss's whole-batch block).
 */
public final class BlockEvaluator {
    /** Default block: rows holding about this many predictions (at least one row). */
    public static final int DEFAULT_BLOCK = 8192;
    /** Minibatches with fewer predictions are evaluated on the calling thread alone. */
    public static final int PARALLEL_THRESHOLD = 1 << 16;

    private final int block;
    private final int threads;

    /** Blocks of about {@link #DEFAULT_BLOCK} predictions, as many threads as the common pool's workers plus the caller. */
    public BlockEvaluator() {
        this(DEFAULT_BLOCK, Pieces.defaultThreads());
    }

    /**
     * @param block   predictions per block (a block holds {@code max(1, block / cols)} rows)
     * @param threads pieces a large minibatch is cut into at most
     */
    public BlockEvaluator(int block, int threads) {
        if (block <= 0) {
            throw new IllegalArgumentException("block length must be >= 1, got " + block);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.block = block;
        this.threads = threads;
    }

    /** A run of values in a buffer: {@code buffer[at], buffer[at + 1], ...}. */
    public record Region(NumberBuffer buffer, int at) {
        public Region {
            if (buffer == null) {
                throw new IllegalArgumentException("a region needs a buffer");
            }
            if (at < 0) {
                throw new IllegalArgumentException("a region starts at an index >= 0, got " + at);
            }
        }
    }

    /**
     * A minibatch laid out as a {@link LossBatch} (row-major, {@code rows × cols} predictions,
     * {@code rows × targetCols} targets, optional {@code rows} example weights and
     * {@code rows × cols} output mask), in buffers.
     */
    public record Batch(int rows, int cols, int targetCols, Region predictions, Region targets, Region exampleWeights,
                        Region outputMask) {
        public Batch {
            if (rows < 0 || cols <= 0 || targetCols <= 0) {
                throw new IllegalArgumentException("a batch needs rows >= 0, cols >= 1 and targetCols >= 1; got "
                        + rows + " x " + cols + " with " + targetCols + " target columns");
            }
            if (predictions == null || targets == null) {
                throw new IllegalArgumentException("a batch needs predictions and targets");
            }
        }

        /** A batch without example weights or output mask. */
        public static Batch of(int rows, int cols, Region predictions, Region targets, int targetCols) {
            return new Batch(rows, cols, targetCols, predictions, targets, null, null);
        }

        /** The same batch with a weight per example (null for none). */
        public Batch withExampleWeights(Region weights) {
            return new Batch(rows, cols, targetCols, predictions, targets, weights, outputMask);
        }

        /** The same batch with a mask per output (null for none). */
        public Batch withOutputMask(Region mask) {
            return new Batch(rows, cols, targetCols, predictions, targets, exampleWeights, mask);
        }
    }

    /**
     * {@link Loss#evaluate} on a buffered batch: the weighted per-example values into {@code values}
     * (length rows) and, when {@code gradient} is not null, the gradient of their sum into
     * {@code rows × cols} values of it (rounded to float for a float buffer).
     */
    public void evaluate(Loss loss, Batch batch, double[] values, Region gradient) {
        if (values == null || values.length != batch.rows()) {
            throw new IllegalArgumentException("values need one slot per example: " + batch.rows()
                    + ", got " + (values == null ? "null" : values.length));
        }
        int rows = batch.rows();
        int cols = batch.cols();
        boolean whole = loss.isBatchCoupled();
        int pieces = whole || (long) rows * cols < PARALLEL_THRESHOLD ? 1 : Math.min(threads, rows);
        int blockRows = whole ? Math.max(1, rows) : Math.max(1, Math.min(block / cols, (rows + pieces - 1) / pieces));
        Pieces.run(pieces, rows, blockRows,
                (p, from, to) -> new Lane(batch, gradient, blockRows, !whole).run(loss, values, from, to));
    }

    /** One piece's buffers (forked: a float buffer's transfers keep a chunk) and block arrays. */
    private static final class Lane {
        private final Batch batch;
        private final NumberBuffer predictions;
        private final NumberBuffer targets;
        private final NumberBuffer weights;
        private final NumberBuffer mask;
        private final NumberBuffer gradient;
        private final int gradientAt;
        private final int blockRows;
        /** Whether blocks are kept for the thread's next call (not for a batch-coupled loss's whole-batch block). */
        private final boolean keep;

        Lane(Batch batch, Region gradient, int blockRows, boolean keep) {
            this.batch = batch;
            this.predictions = batch.predictions().buffer().fork();
            this.targets = batch.targets().buffer().fork();
            this.weights = batch.exampleWeights() == null ? null : batch.exampleWeights().buffer().fork();
            this.mask = batch.outputMask() == null ? null : batch.outputMask().buffer().fork();
            this.gradient = gradient == null ? null : gradient.buffer().fork();
            this.gradientAt = gradient == null ? 0 : gradient.at();
            this.blockRows = blockRows;
            this.keep = keep;
        }

        /** Rows {@code [from, to)}, block by block. */
        void run(Loss loss, double[] values, int from, int to) {
            int cols = batch.cols();
            int tc = batch.targetCols();
            for (int r = from; r < to; r += blockRows) {
                int n = Math.min(blockRows, to - r);
                Block b = block(n);
                predictions.read(batch.predictions().at() + r * cols, b.predictions, 0, n * cols);
                targets.read(batch.targets().at() + r * tc, b.targets, 0, n * tc);
                LossBatch lb = LossBatch.of(n, cols, b.predictions, b.targets, tc).withFirstRow(r);
                if (weights != null) {
                    weights.read(batch.exampleWeights().at() + r, b.weights, 0, n);
                    lb = lb.withExampleWeights(b.weights);
                }
                if (mask != null) {
                    mask.read(batch.outputMask().at() + r * cols, b.mask, 0, n * cols);
                    lb = lb.withOutputMask(b.mask);
                }
                loss.evaluate(lb, b.values, gradient == null ? null : b.gradient);
                System.arraycopy(b.values, 0, values, r, n);
                if (gradient != null) {
                    gradient.write(gradientAt + r * cols, b.gradient, 0, n * cols);
                }
            }
        }

        /** Arrays for {@code n} rows, the running thread's own (a {@link LossBatch} takes arrays of its exact size). */
        private Block block(int n) {
            if (!keep) {
                return new Block(n, batch.cols(), batch.targetCols());
            }
            Block[] cache = SCRATCH.get();
            int slot = n == blockRows ? 0 : 1;
            Block b = cache[slot];
            if (b == null || !b.fits(n, batch.cols(), batch.targetCols())) {
                b = new Block(n, batch.cols(), batch.targetCols());
                cache[slot] = b;
            }
            return b;
        }
    }

    /**
     * Each thread's block arrays, kept between calls: a full block and a shorter last one (so a
     * minibatch of steady shape allocates nothing after its first call). A block is at most about
     * {@link #DEFAULT_BLOCK} predictions per array.
     */
    private static final ThreadLocal<Block[]> SCRATCH = ThreadLocal.withInitial(() -> new Block[2]);

    /** Exact-size arrays for a block of {@code rows} rows; the weights and mask arrays are used only when the batch has them. */
    private static final class Block {
        final double[] predictions;
        final double[] targets;
        final double[] weights;
        final double[] mask;
        final double[] values;
        final double[] gradient;
        private final int cols;
        private final int targetCols;

        Block(int rows, int cols, int targetCols) {
            this.cols = cols;
            this.targetCols = targetCols;
            predictions = new double[rows * cols];
            targets = new double[rows * targetCols];
            weights = new double[rows];
            mask = new double[rows * cols];
            values = new double[rows];
            gradient = new double[rows * cols];
        }

        boolean fits(int rows, int cols, int targetCols) {
            return values.length == rows && this.cols == cols && this.targetCols == targetCols;
        }
    }
}
