package io.github.unigrad.tribuo;

import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;
import io.github.unigrad.loss.LossBatch;
import io.github.unigrad.loss.OutputActivation;

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
 */
enum OutputType {
    LABEL("labels") {
        @Override
        String refusal(Loss loss) {
            return switch (loss.inputForm()) {
                case SOFTMAX_LOGITS, SIGMOID_LOGITS, PROBABILITIES -> probe(loss, oneHotOrIndex(loss, 1));
                case VALUES -> loss.acceptsClassIndices() ? probe(loss, new double[]{1})
                        : marginLoss(loss, new double[]{0, 1, 0}, new double[]{0.5, 0.5, 0});
            };
        }

        @Override
        OutputActivation activation(Loss loss) {
            return loss.inputForm() == InputForm.PROBABILITIES ? OutputActivation.SOFTMAX : null;
        }
    },
    REGRESSION("regression outputs") {
        @Override
        String refusal(Loss loss) {
            if (loss.inputForm() != InputForm.VALUES) {
                return "it takes " + loss.inputForm() + " while a regression model predicts plain values";
            }
            if (loss.targetCols(PROBE_COLS) != PROBE_COLS) {
                return "it takes " + loss.targetCols(PROBE_COLS) + " targets for " + PROBE_COLS
                        + " predictions while a regression model predicts one value per target";
            }
            return probe(loss, new double[]{0.5, 1.5, 2.25});
        }

        @Override
        OutputActivation activation(Loss loss) {
            return null;
        }
    },
    MULTI_LABEL("multi-label outputs") {
        @Override
        String refusal(Loss loss) {
            return switch (loss.inputForm()) {
                case SOFTMAX_LOGITS -> "a softmax makes the labels compete for one unit of probability, while the labels"
                        + " of a multi-label example are independent (use a sigmoid loss such as binary_cross_entropy)";
                case SIGMOID_LOGITS, PROBABILITIES -> probe(loss, new double[]{1, 0, 1});
                case VALUES -> marginLoss(loss, new double[]{1, 0, 1}, new double[]{0.5, 0.5, 0});
            };
        }

        @Override
        OutputActivation activation(Loss loss) {
            return loss.inputForm() == InputForm.PROBABILITIES ? OutputActivation.SIGMOID : null;
        }
    };

    private static final int PROBE_COLS = 3;
    private static final double[] PROBE_SCORES = {0.25, -0.5, 0.75};

    private final String what;

    OutputType(String what) {
        this.what = what;
    }

    /** Why {@code loss} cannot train this output type, or null if it can. */
    abstract String refusal(Loss loss);

    /** The activation applied between Tribuo's raw scores and the loss, or null. */
    abstract OutputActivation activation(Loss loss);

    /**
     * The loss, checked, ready to evaluate Tribuo examples of this type.
     *
     * @throws IllegalArgumentException naming the loss and the reason when it does not fit
     */
    ExampleLoss fit(Loss loss) {
        String reason = !loss.isDifferentiable() ? "it has no gradient to train with (it can only score)" : refusal(loss);
        if (reason != null) {
            throw new IllegalArgumentException("loss " + loss.spec() + " cannot train " + what + ": " + reason);
        }
        return new ExampleLoss(loss, activation(loss));
    }

    /** The target row of class {@code index}: one index if the loss takes them, else one-hot. */
    private static double[] oneHotOrIndex(Loss loss, int index) {
        if (loss.acceptsClassIndices()) {
            return new double[]{index};
        }
        double[] t = new double[PROBE_COLS];
        t[index] = 1;
        return t;
    }

    /** A loss on values fits a classification output when it takes 0/1 targets but refuses fractional ones. */
    String marginLoss(Loss loss, double[] binary, double[] fractional) {
        String refused = probe(loss, binary);
        if (refused != null) {
            return refused;
        }
        return probe(loss, fractional) == null
                ? "it is a regression loss on plain values (it accepts a target of 0.5), not a classification loss" : null;
    }

    /**
     * Evaluates the loss on a 3-output probe example, through this type's activation; the loss's own
     * complaint, or null if it accepted.
     */
    String probe(Loss loss, double[] targets) {
        double[] predictions = PROBE_SCORES.clone();
        OutputActivation act = activation(loss);
        if (act != null) {
            act.forward(PROBE_SCORES, 0, predictions, 0, PROBE_COLS);
        }
        try {
            loss.evaluate(LossBatch.of(1, PROBE_COLS, predictions, targets, targets.length), new double[1],
                    new double[PROBE_COLS]);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
