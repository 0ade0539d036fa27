package dev.tideline.cli;

import dev.tideline.trace.Tracer;
import java.io.PrintStream;

/** A one-line progress bar redrawn in place; only used when a person watches a terminal. */
final class ProgressBar implements Tracer.Progress {
    private static final int WIDTH = 30;
    private final PrintStream terminal;
    private int lastLength;

    ProgressBar(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public void step(int done, int total, String location) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        String line = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + location;
        if (line.length() > 100) line = line.substring(0, 100);
        terminal.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        terminal.flush();
        lastLength = line.length();
    }

    void clear() {
        if (lastLength == 0) return;
        terminal.print("\r" + " ".repeat(lastLength) + "\r");
        terminal.flush();
    }
}
