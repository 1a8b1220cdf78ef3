package io.github.unigrad.compare;

import io.github.unigrad.loss.InputForm;
import io.github.unigrad.loss.Loss;

import java.util.Map;
import java.util.Optional;

/**
 * Which catalogue losses the runner cannot train on its data (standardised real targets, class
 * labels, one output per target or per class), and why: said once, for both frameworks.
 */
public final class ShippedData {
    private static final Map<String, String> UNFIT = Map.of(
            "zero_one", "scores only (not differentiable): nothing to train",
            "msle", "needs targets > -1; the runner's regression targets are standardised",
            "mape", "needs targets away from 0; the runner's regression targets are standardised",
            "poisson_nll", "needs count targets; no dataset of the runner has them",
            "tweedie", "needs non-negative targets; the runner's regression targets are standardised",
            "gaussian_nll", "needs a mean and a variance output per target; the runner's models predict one value",
            "cosine_proximity", "compares directions of output vectors; the runner's regression target is one value",
            "wasserstein", "a critic's loss (GANs); no task of the runner fits",
            "multilabel_hinge", "needs multi-label targets; no dataset of the runner has them",
            "multitask", "needs several targets; no dataset of the runner has them");

    private ShippedData() {
    }

    /** Why {@code loss} cannot be trained on the runner's data, or empty if it can. */
    public static Optional<String> whyNot(Loss loss) {
        String reason = UNFIT.get(loss.spec().name());
        if (reason != null) {
            return Optional.of(reason);
        }
        if (loss.targetCols(1) != 1 && loss.inputForm() == InputForm.VALUES) {
            return Optional.of("needs several predictions per target; the runner's models predict one value per target");
        }
        return Optional.empty();
    }
}
