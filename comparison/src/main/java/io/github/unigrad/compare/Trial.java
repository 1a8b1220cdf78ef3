package io.github.unigrad.compare;

import io.github.unigrad.compare.data.Split;

import java.util.function.IntConsumer;

/** One model to train: a framework, its model and its loss and optimiser, ready to run on data. */
@FunctionalInterface
public interface Trial {

    /** Trains on {@code data.train()}, scores on {@code data.test()}; {@code onEpoch} gets the epochs done. */
    RunResult run(Split data, RunSettings settings, IntConsumer onEpoch);

    /**
     * This trial, run once: later calls return the first call's result (or throw its exception) without
     * training again, so that several comparisons can share one reference run.
     */
    default Trial once() {
        Trial self = this;
        return new Trial() {
            private RunResult result;
            private RuntimeException failure;

            @Override
            public synchronized RunResult run(Split data, RunSettings settings, IntConsumer onEpoch) {
                if (result == null && failure == null) {
                    try {
                        result = self.run(data, settings, onEpoch);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                return result;
            }
        };
    }
}
