package io.github.unigrad.compare.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import io.github.unigrad.compare.Meter;
import io.github.unigrad.compare.TrainingLog;
import io.github.unigrad.compare.data.Table;
import org.tribuo.math.FeedForwardParameters;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;

/**
 * Wraps the optimiser a Tribuo trainer runs with, to see the end of every epoch from inside the
 * trainer (Tribuo has no epoch callback): every {@code stepsPerEpoch} steps it measures the training
 * loss from the live parameters' raw outputs, and keeps a flat copy of the parameters. The measuring
 * time is excluded from the epoch's time. It changes nothing in the steps themselves.
 *
 * <p>Not a configurable component: it exists only inside one {@link TribuoTrainer#run}.
 */
final class EpochRecorder implements StochasticGradientOptimiser {
    private final StochasticGradientOptimiser inner;
    private final SGDVector[] features;
    private final Table truth;
    private final Meter meter;
    private final int stepsPerEpoch;
    private final TrainingLog log;
    private FeedForwardParameters parameters;
    private long steps;
    private long epochStart;
    /** The parameters at the last epoch's end, shared with the copies the trainer makes. */
    private final double[][] lastParameters;

    EpochRecorder(StochasticGradientOptimiser inner, SGDVector[] features, Table truth, Meter meter, int stepsPerEpoch,
                  TrainingLog log) {
        this(inner, features, truth, meter, stepsPerEpoch, log, new double[][] {new double[0]});
    }

    private EpochRecorder(StochasticGradientOptimiser inner, SGDVector[] features, Table truth, Meter meter,
                          int stepsPerEpoch, TrainingLog log, double[][] lastParameters) {
        this.lastParameters = lastParameters;
        this.inner = inner;
        this.features = features;
        this.truth = truth;
        this.meter = meter;
        this.stepsPerEpoch = stepsPerEpoch;
        this.log = log;
    }

    /** Thrown out of the trainer's loop to stop a run that diverged. */
    static final class Diverged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Diverged() {
            super(null, null, false, false);
        }
    }

    @Override
    public void initialise(Parameters p) {
        this.parameters = (FeedForwardParameters) p;
        inner.initialise(p);
        epochStart = System.nanoTime();
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        if (steps > 0 && steps % stepsPerEpoch == 0) {
            endEpoch();
        }
        steps++;
        return inner.step(updates, weight);
    }

    @Override
    public void finalise() {
        endEpoch();
        inner.finalise();
    }

    private void endEpoch() {
        long trained = System.nanoTime() - epochStart;
        int cols = parameters.predict(features[0]).size();
        double[] outputs = new double[features.length * cols];
        for (int i = 0; i < features.length; i++) {
            double[] row = parameters.predict(features[i]).toArray();
            System.arraycopy(row, 0, outputs, i * cols, cols);
        }
        lastParameters[0] = flatten(parameters.get());
        boolean goOn = log.epochEnded(meter.mean(outputs, cols, truth), trained);
        if (!goOn) {
            throw new Diverged();
        }
        epochStart = System.nanoTime();
    }

    /** The parameters at the last epoch's end, flattened in the tensors' own order. */
    double[] lastParameters() {
        return lastParameters[0];
    }

    static double[] flatten(Tensor[] tensors) {
        int n = 0;
        for (Tensor t : tensors) {
            n += Tensor.shapeSum(t.getShape());
        }
        double[] out = new double[n];
        int[] k = {0};
        for (Tensor t : tensors) {
            t.copy().foreachInPlace(v -> {
                out[k[0]++] = v;
                return v;
            });
        }
        return out;
    }

    @Override
    public void reset() {
        inner.reset();
        steps = 0;
    }

    @Override
    public StochasticGradientOptimiser copy() {
        return new EpochRecorder(inner.copy(), features, truth, meter, stepsPerEpoch, log, lastParameters);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }
}
