package io.github.unigrad.compare;

/**
 * A built-in and a Unigrad component trained side by side, on the same data, seed and schedule,
 * differing only in the {@link Subject} compared.
 *
 * @param framework  where both run
 * @param model      the model both train, e.g. {@code MLP 4-16-3 (tanh)} or {@code linear SGD}
 * @param subject    whether the loss or the optimiser differs
 * @param builtIn    the built-in, as the report names it, e.g. {@code LossMCXENT} or {@code Adam(lr=0.01)}
 * @param ours       the Unigrad spec, e.g. {@code softmax_cross_entropy}
 * @param relation   twin, same rule with other numbers, or nearest built-in
 * @param dataset    the dataset name
 * @param fixed      the component both share, e.g. {@code Adam(lr=0.01)} for a loss comparison
 * @param note       what to know when reading the numbers (a documented difference, a built-in defect), or ""
 * @param tolerance  the largest parameter difference expected between twins configured alike; NaN if none is expected
 */
public record Comparison(Framework framework, String model, Subject subject, String builtIn, String ours,
                         Relation relation, String dataset, String fixed, String note, double tolerance,
                         Trial builtInTrial, Trial ourTrial) implements Planned {

    /** True when the two runs should agree to {@link #tolerance}. */
    public boolean expectsParity() {
        return !Double.isNaN(tolerance);
    }
}
