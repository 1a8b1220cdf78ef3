package io.github.unigrad.compare;

/**
 * A comparison once run: both runs, or the error that stopped it (a framework or adapter exception
 * is reported, not thrown).
 */
public record ComparisonResult(Comparison comparison, RunResult builtIn, RunResult ours, String error) {

    public boolean failed() {
        return error != null;
    }

    /** The largest absolute difference between the two runs' final parameters. */
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
        if (failed()) {
            return "error: " + error;
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
