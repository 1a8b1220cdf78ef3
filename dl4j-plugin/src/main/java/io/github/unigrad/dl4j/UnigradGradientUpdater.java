package io.github.unigrad.dl4j;

import io.github.unigrad.optim.Chain;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Step;
import io.github.unigrad.host.BlockStepper;
import io.github.unigrad.host.NumberBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@link GradientUpdater} of a {@link UnigradUpdater}: turns one updater block's gradient into
 * the update in place. The gradient and the state slabs are streamed through the shared
 * {@link BlockStepper} straight from ND4J's off-heap memory; nothing is kept here between steps
 * except views of DL4J's state array, and the step index is DL4J's {@code iteration}.
 *
 * <p>DL4J counts iterations in an {@code int} that wraps to a negative number after 2^31 - 1 steps. The
 * step index must be the true count (bias corrections and schedules depend on it, and saved state
 * resumes from it), and after a wrap it is unknowable here, so a negative iteration is refused with an
 * {@link IllegalStateException} ({@link UnigradUpdater#stepIndex}) rather than read as a step from the
 * start of training or with a negative index. A learning rate from a DL4J {@link ISchedule} must be
 * finite and ≥ 0 at the step it is used; it is the rate the step's coefficients are computed from (the
 * optimiser is then a {@link Chain}, as {@link UnigradUpdater} checks).
 */
final class UnigradGradientUpdater implements GradientUpdater<UnigradUpdater> {
    private static final String SLAB = "slab";

    private final UnigradUpdater config;
    private final BlockStepper stepper = new BlockStepper();
    private INDArray[] slabs;
    private NumberBuffer[] buffers;
    private int[] starts;
    private int n;

    UnigradGradientUpdater(UnigradUpdater config) {
        this.config = config;
    }

    @Override
    public UnigradUpdater getConfig() {
        return config;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        int k = config.optimiser().slabs();
        INDArray flat = viewArray.reshape(viewArray.length());
        if (k > 0 && flat.length() % k != 0) {
            throw new IllegalArgumentException(config + " keeps " + k + " slabs; a state view of " + flat.length()
                    + " values is not a multiple of " + k);
        }
        int size = k == 0 ? 0 : Math.toIntExact(flat.length() / k);
        INDArray[] views = new INDArray[k];
        for (int q = 0; q < k; q++) {
            views[q] = flat.get(NDArrayIndex.interval((long) q * size, (long) (q + 1) * size));
        }
        useSlabs(views, size, initialize);
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        int k = config.optimiser().slabs();
        if (stateMap.size() != k) {
            throw new IllegalStateException(config + " keeps " + k + " slabs (" + SLAB + "0.." + SLAB + (k - 1)
                    + "); the state map has " + stateMap.keySet());
        }
        INDArray[] views = new INDArray[k];
        for (int q = 0; q < k; q++) {
            views[q] = stateMap.get(SLAB + q);
            if (views[q] == null) {
                throw new IllegalStateException(config + ": the state map has no " + SLAB + q + "; keys " + stateMap.keySet());
            }
        }
        useSlabs(views, k == 0 ? 0 : Math.toIntExact(views[0].length()), initialize);
    }

    private void useSlabs(INDArray[] views, int size, boolean initialize) {
        NumberBuffer[] b = new NumberBuffer[views.length];
        int[] s = new int[views.length];
        for (int q = 0; q < views.length; q++) {
            if (views[q].length() != size || !NdArrays.isRowMajorContiguous(views[q])) {
                throw new IllegalArgumentException(config + ": state slab " + q + " must be " + size
                        + " consecutive values; got shape " + java.util.Arrays.toString(views[q].shape()));
            }
            b[q] = NdArrays.buffer(views[q]);
            s[q] = NdArrays.start(views[q]);
        }
        this.slabs = views;
        this.buffers = b;
        this.starts = s;
        this.n = size;
        if (initialize) {
            stepper.initialise(config.optimiser(), b, s, size);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> state = new HashMap<>();
        for (int q = 0; q < slabs.length; q++) {
            state.put(SLAB + q, slabs[q]);
        }
        return state;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        Optimiser optimiser = config.optimiser();
        INDArray g = NdArrays.rowMajor(gradient);
        if (optimiser.slabs() == 0) {
            useSlabs(new INDArray[0], Math.toIntExact(g.length()), false);
        } else if (buffers == null) {
            throw new IllegalStateException(config + " has not been given its state view");
        }
        if (g.length() != n) {
            throw new IllegalArgumentException(config + ": gradient of " + g.length() + " values for state slabs of " + n);
        }
        NumberBuffer gb = NdArrays.buffer(g);
        int go = NdArrays.start(g);
        long index = UnigradUpdater.stepIndex(iteration);
        ISchedule schedule = config.getLearningRateSchedule();
        Step step = schedule == null ? stepper.begin(optimiser, index, gb, go, n)
                : ((Chain) optimiser).begin(index, config.getLearningRate(iteration, epoch),
                        optimiser.needsGradientSummary() ? stepper.summarise(gb, go, n) : null);
        stepper.apply(optimiser, step, gb, go, buffers, starts, n);
        if (g != gradient) {
            gradient.assign(g);
        }
    }
}
