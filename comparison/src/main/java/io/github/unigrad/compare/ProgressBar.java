package io.github.unigrad.compare;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal stream ({@code [#####.....] 45% 12/26 DL4J adam...}),
 * redrawn in place with a carriage return; silent when {@code out} is null.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private long done;
    private String label = "";
    private int lastDrawn = -1;

    public ProgressBar(PrintStream out, long totalUnits) {
        this.out = out;
        this.total = Math.max(1, totalUnits);
    }

    /** Names what is running now. */
    public void label(String text) {
        label = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        draw(true);
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

    /** Ends the bar's line. */
    public void finish() {
        if (out != null) {
            done = total;
            draw(true);
            out.println();
        }
    }
}
