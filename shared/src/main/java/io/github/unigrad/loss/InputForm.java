package io.github.unigrad.loss;

/**
 * What a loss expects as its predictions. The plugins use it to fuse the output activation into
 * the loss: a network whose output activation is softmax (sigmoid) feeds a
 * {@link #SOFTMAX_LOGITS} ({@link #SIGMOID_LOGITS}) loss its pre-activations directly, which is
 * exact and stable where separate softmax-then-log is not.
 */
public enum InputForm {
    /** Unnormalised scores z; the loss applies softmax over the outputs of each example. */
    SOFTMAX_LOGITS,
    /** Unnormalised scores z; the loss applies a sigmoid to every output independently. */
    SIGMOID_LOGITS,
    /** Probabilities (a distribution per example, or independent probabilities in [0, 1]). */
    PROBABILITIES,
    /** Any real values: regression outputs, margins, embeddings. */
    VALUES
}
