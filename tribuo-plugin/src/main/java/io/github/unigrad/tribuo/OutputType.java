package io.github.unigrad.tribuo;

import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.loss.OutputActivation;

import java.util.Arrays;

/**
 * The three kinds of Tribuo output an objective trains, and which catalogue losses fit each. The
 * decision is made once, at configuration time, from what the loss declares ({@link Loss#inputForm()},
 * {@link Loss#acceptsClassIndices()}, {@link Loss#targetCols}) and from probing it with the targets
 * the output type will give it (a loss checks its targets' domain before any arithmetic), so a loss
 * added to the catalogue fits wherever it makes sense with no change here:
 * <ul>
 *   <li>{@link #LABEL}: a loss on softmax or sigmoid logits or on probabilities (softmax applied
 *       here), or a margin loss on values that takes a class index or a one-hot row but refuses a
 *       fractional target (so multiclass hinge fits and MSE does not);</li>
 *   <li>{@link #REGRESSION}: a loss on values that takes any real target of the predictions' width
 *       (so MSE and Huber fit, hinge's ±1 targets and Gaussian NLL's 2k predictions do not);</li>
 *   <li>{@link #MULTI_LABEL}: a loss on sigmoid logits or on probabilities (sigmoid applied here),
 *       or a margin loss on values that takes 0/1 targets but refuses a fractional one.</li>
 * </ul>
 * The probe example has as many outputs as the loss's hyperparameters fix ({@link Loss#fixedOutputs()}), or 3.
 */
enum OutputType {
    LABEL("labels") {
        @Override
        String refusal(Loss loss, int k) {
            return switch (loss.inputForm()) {
                case SOFTMAX_LOGITS, SIGMOID_LOGITS, PROBABILITIES -> probe(loss, k, loss.acceptsClassIndices()
                        ? new double[]{k - 1} : oneHot(k, k - 1));
                case VALUES -> loss.acceptsClassIndices() ? probe(loss, k, new double[]{k - 1})
                        : marginLoss(loss, k, oneHot(k, k - 1));
            };
        }

        @Override
        OutputActivation activation(Loss loss) {
            return loss.inputForm() == InputForm.PROBABILITIES ? OutputActivation.SOFTMAX : null;
        }
    },
    REGRESSION("regression outputs") {
        @Override
        String refusal(Loss loss, int k) {
            if (loss.inputForm() != InputForm.VALUES) {
                return "it takes " + loss.inputForm() + " while a regression model predicts plain values";
            }
            if (loss.targetCols(k) != k) {
                return "it takes " + loss.targetCols(k) + " targets for " + k
                        + " predictions while a regression model predicts one value per target";
            }
            double[] targets = new double[k];
            for (int j = 0; j < k; j++) {
                targets[j] = 0.5 + 0.75 * j;
            }
            return probe(loss, k, targets);
        }

        @Override
        OutputActivation activation(Loss loss) {
            return null;
        }
    },
    MULTI_LABEL("multi-label outputs") {
        @Override
        String refusal(Loss loss, int k) {
            double[] targets = new double[k];
            for (int j = 0; j < k; j += 2) {
                targets[j] = 1;
            }
            return switch (loss.inputForm()) {
                case SOFTMAX_LOGITS -> "a softmax makes the labels compete for one unit of probability, while the labels"
                        + " of a multi-label example are independent (use a sigmoid loss such as binary_cross_entropy)";
                case SIGMOID_LOGITS, PROBABILITIES -> probe(loss, k, targets);
                case VALUES -> marginLoss(loss, k, targets);
            };
        }

        @Override
        OutputActivation activation(Loss loss) {
            return loss.inputForm() == InputForm.PROBABILITIES ? OutputActivation.SIGMOID : null;
        }
    };

    private static final int DEFAULT_PROBE_OUTPUTS = 3;

    private final String what;

    OutputType(String what) {
        this.what = what;
    }

    /** Why {@code loss} cannot train this output type, probed with {@code k} outputs, or null if it can. */
    abstract String refusal(Loss loss, int k);

    /** The activation applied between Tribuo's raw scores and the loss, or null. */
    abstract OutputActivation activation(Loss loss);

    /**
     * The loss, checked, ready to evaluate Tribuo examples of this type.
     *
     * @throws IllegalArgumentException naming the loss and the reason when it does not fit
     */
    ExampleLoss fit(Loss loss) {
        String reason = !loss.isDifferentiable() ? "it has no gradient to train with (it can only score)"
                : refusal(loss, probeOutputs(loss));
        if (reason != null) {
            throw new IllegalArgumentException("loss " + loss.spec() + " cannot train " + what + ": " + reason);
        }
        return new ExampleLoss(loss, activation(loss));
    }

    /** As many outputs as the loss's hyperparameters fix, else 3 (a label probe needs at least 2). */
    private static int probeOutputs(Loss loss) {
        int k = loss.fixedOutputs();
        return k > 0 ? k : DEFAULT_PROBE_OUTPUTS;
    }

    private static double[] oneHot(int k, int index) {
        double[] t = new double[k];
        t[index] = 1;
        return t;
    }

    /** A loss on values fits a classification output when it takes 0/1 targets but refuses fractional ones. */
    String marginLoss(Loss loss, int k, double[] binary) {
        String refused = probe(loss, k, binary);
        if (refused != null) {
            return refused;
        }
        double[] fractional = new double[k];
        Arrays.fill(fractional, 0.5);
        return probe(loss, k, fractional) == null
                ? "it is a regression loss on plain values (it accepts a target of 0.5), not a classification loss" : null;
    }

    /**
     * Evaluates the loss on a probe example of {@code k} outputs, through this type's activation;
     * the loss's own complaint, or null if it accepted.
     */
    String probe(Loss loss, int k, double[] targets) {
        double[] scores = new double[k];
        for (int j = 0; j < k; j++) {
            scores[j] = 0.25 - 0.5 * (j % 3) + 0.1 * j;
        }
        double[] predictions = scores.clone();
        OutputActivation act = activation(loss);
        if (act != null) {
            act.forward(scores, 0, predictions, 0, k);
        }
        try {
            loss.evaluate(LossBatch.of(1, k, predictions, targets, targets.length), new double[1], new double[k]);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
