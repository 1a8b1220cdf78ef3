package io.github.unigrad.tribuo;

import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.loss.OutputActivation;

/**
 * A catalogue loss applied to one Tribuo example, in Tribuo's conventions: the raw scores come in,
 * the <em>negative</em> gradient with respect to them goes out, and the value is returned with the
 * minimising sign (≥ 0 for the catalogue's losses; Tribuo only logs it).
 *
 * <p>For a loss on {@link InputForm#PROBABILITIES} the scores first go through the output
 * activation the output type implies ({@link OutputActivation#SOFTMAX} for labels,
 * {@link OutputActivation#SIGMOID} for multi-label), and the gradient back through it. Losses on
 * logits fuse that activation themselves; losses on values take the scores as they are.
 *
 * <p>Immutable and allocation-bounded: each call allocates only its small work arrays, so one
 * instance serves concurrent {@code train} calls.
 */
final class ExampleLoss {
    private final Loss loss;
    private final OutputActivation activation;

    ExampleLoss(Loss loss, OutputActivation activation) {
        this.loss = loss;
        this.activation = activation;
    }

    Loss loss() {
        return loss;
    }

    /**
     * Evaluates the loss of one example and writes {@code -dL/dscores} into {@code out}.
     *
     * @param scores     the raw scores (not modified)
     * @param targets    the example's targets, {@code targetCols} values
     * @param targetCols 1 for a class index, else the number of outputs
     * @param out        receives the negative gradient, same length as {@code scores}
     * @return the loss value (to be minimised)
     */
    double negativeGradient(double[] scores, double[] targets, int targetCols, double[] out) {
        int k = scores.length;
        double[] value = new double[1];
        if (activation == null) {
            loss.evaluate(LossBatch.of(1, k, scores, targets, targetCols), value, out);
        } else {
            double[] p = new double[k];
            activation.forward(scores, 0, p, 0, k);
            double[] dLdp = new double[k];
            loss.evaluate(LossBatch.of(1, k, p, targets, targetCols), value, dLdp);
            activation.backward(p, 0, dLdp, 0, out, 0, k);
        }
        for (int j = 0; j < k; j++) {
            out[j] = 0.0 - out[j]; // not -out[j], which turns a zero gradient into -0.0
        }
        return value[0];
    }
}
