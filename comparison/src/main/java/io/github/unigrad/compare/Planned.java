package io.github.unigrad.compare;

/** What asking for one comparison gives: the comparison to run, or the reason it cannot run. */
public sealed interface Planned permits Comparison, Skip {
}
