package io.github.unigrad.compare;

/**
 * A comparison once run: both runs, each of which may instead have failed with an error (a framework
 * or adapter exception is reported, not thrown; a broken built-in does not hide ours).
 *
 * @param builtIn      the built-in's run, or null if it threw
 * @param builtInError what the built-in threw, or null
 * @param ours         our run, or null if it threw
 * @param ourError     what ours threw, or null
 */
public record ComparisonResult(Comparison comparison, RunResult builtIn, String builtInError, RunResult ours,
                               String ourError) {

    public boolean failed() {
        return builtIn == null || ours == null;
    }

    /** The largest absolute difference between the two runs' final parameters (NaN if one failed). */
    public double maxParameterDifference() {
        return failed() ? Double.NaN : builtIn.maxParameterDifference(ours);
    }

    /** True when parity is expected and holds. */
    public boolean parityHolds() {
        return comparison.expectsParity() && !failed() && !builtIn.diverged() && !ours.diverged()
                && maxParameterDifference() <= comparison.tolerance();
    }

    /** A short verdict for the tables. */
    public String status() {
        if (ourError != null) {
            return "ours fails: " + ourError + (builtInError != null ? "; built-in fails: " + builtInError : "");
        }
        if (builtInError != null) {
            return "built-in fails: " + builtInError;
        }
        if (builtIn.diverged() || ours.diverged()) {
            StringBuilder sb = new StringBuilder("DIVERGED");
            if (builtIn.diverged()) {
                sb.append(" built-in@").append(builtIn.divergedAt());
            }
            if (ours.diverged()) {
                sb.append(" ours@").append(ours.divergedAt());
            }
            return sb.toString();
        }
        if (!comparison.expectsParity()) {
            return "compared";
        }
        return parityHolds() ? "parity ok" : "PARITY FAILED";
    }
}
