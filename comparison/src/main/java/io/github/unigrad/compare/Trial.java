package io.github.unigrad.compare;

import io.github.unigrad.compare.data.Split;

import java.util.function.IntConsumer;

/** One model to train: a framework, its model and its loss and optimiser, ready to run on data. */
@FunctionalInterface
public interface Trial {

    /** Trains on {@code data.train()}, scores on {@code data.test()}; {@code onEpoch} gets the epochs done. */
    RunResult run(Split data, RunSettings settings, IntConsumer onEpoch);
}
