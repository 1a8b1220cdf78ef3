package io.github.unigrad.compare;

/** A comparison that was asked for but cannot run, and why (shown in the report, never silently dropped). */
public record Skip(Framework framework, Subject subject, String ours, String reason) implements Planned {
}
