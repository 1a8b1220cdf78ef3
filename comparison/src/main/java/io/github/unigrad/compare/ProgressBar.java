package io.github.unigrad.compare;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a run on standard error. On a terminal, a one-line bar
 * ({@code [#####.....] 45% DL4J loss adam...}) redrawn in place with a carriage return; elsewhere (a log
 * file, a CI job) a plain line at every tenth of the work ({@code compare: 40% DL4J loss huber}), so that
 * the log stays short and readable. Silent when {@code out} is null.
 */
public final class ProgressBar {
    /**
     * System property that says whether standard error is a terminal ({@code true} or {@code false}); the
     * {@code ./compare} script sets it from {@code [ -t 2 ]}. Without it, a terminal is assumed when the JVM
     * has a console.
     */
    public static final String TERMINAL_PROPERTY = "unigrad.compare.terminal";
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private final long total;
    private long done;
    private String label = "";
    private int lastDrawn = -1;

    /** A bar on {@code out}, redrawn in place if standard error is a terminal (see {@link #TERMINAL_PROPERTY}). */
    public ProgressBar(PrintStream out, long totalUnits) {
        this(out, totalUnits, stderrIsTerminal());
    }

    /** A bar on {@code out}: redrawn in place if {@code interactive}, else a plain line at every tenth. */
    public ProgressBar(PrintStream out, long totalUnits, boolean interactive) {
        this.out = out;
        this.total = Math.max(1, totalUnits);
        this.interactive = interactive;
    }

    /** Whether standard error is a terminal, as far as the JVM can tell (see {@link #TERMINAL_PROPERTY}). */
    public static boolean stderrIsTerminal() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    /** Names what is running now. */
    public void label(String text) {
        label = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        if (interactive) {
            draw(true);
        }
    }

    /** Adds {@code units} of work done. */
    public void advance(long units) {
        done = Math.min(total, done + units);
        draw(false);
    }

    /** The fraction done, in [0, 1]. */
    public double fraction() {
        return done / (double) total;
    }

    private void draw(boolean force) {
        if (out == null) {
            return;
        }
        if (!interactive) {
            int tenth = (int) (10 * fraction());
            if (tenth > lastDrawn) {
                lastDrawn = tenth;
                out.println(String.format(Locale.ROOT, "compare: %3d%% %s", 10 * tenth, label));
                out.flush();
            }
            return;
        }
        int permille = (int) (1000 * fraction());
        if (!force && permille == lastDrawn) {
            return;
        }
        lastDrawn = permille;
        int filled = (int) Math.round(WIDTH * fraction());
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        out.print(String.format(Locale.ROOT, "\r[%s] %3d%% %-60s", bar, permille / 10, label));
        out.flush();
    }

    /** Ends the bar: completes it (on a terminal, ends its line). */
    public void finish() {
        if (out != null) {
            done = total;
            draw(true);
            if (interactive) {
                out.println();
            }
        }
    }
}
