package io.github.unigrad.compare;

/**
 * The schedule every run of a comparison shares: number of epochs, seed (weight initialisation and
 * minibatch order), and the minibatch size of the DL4J and Tribuo trainers.
 */
public record RunSettings(int epochs, long seed, int dl4jBatch, int tribuoBatch) {

    public RunSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (dl4jBatch < 1 || tribuoBatch < 1) {
            throw new IllegalArgumentException("minibatch sizes must be >= 1, got " + dl4jBatch + " and " + tribuoBatch);
        }
    }

    public RunSettings withEpochs(int e) {
        return new RunSettings(e, seed, dl4jBatch, tribuoBatch);
    }
}
