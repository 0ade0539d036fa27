package dev.tideline.rules.stats;

import java.util.Locale;

/**
 * Live size of one table, read from a database the migrations will run on.
 *
 * @param rows  estimated row count (pg_class.reltuples), -1 when unknown (never vacuumed or analysed)
 * @param bytes total size with indexes and TOAST, -1 when unknown
 */
public record TableSize(long rows, long bytes) {
    /** Below both limits a rewrite, scan or index build takes well under a second. */
    static final long SMALL_ROWS = 10_000;
    static final long SMALL_BYTES = 10L * 1024 * 1024;
    /** Above either limit the same work takes minutes while the lock is held. */
    static final long LARGE_ROWS = 1_000_000;
    static final long LARGE_BYTES = 1024L * 1024 * 1024;

    /**
     * Small only when the size is known: the row count of a table never analysed is unknown, and unknown is never
     * small (a fresh table's bytes say little: 100k narrow rows fit in 6 MB).
     */
    public boolean small() {
        return rows >= 0 && bytes >= 0 && bytes < SMALL_BYTES && rows < SMALL_ROWS;
    }

    public boolean large() {
        return rows > LARGE_ROWS || bytes > LARGE_BYTES;
    }

    /** e.g. {@code ~1.2M rows, 340.0 MB}. */
    public String describe() {
        return rowsText() + ", " + bytesText();
    }

    public String rowsText() {
        if (rows < 0) return "rows unknown";
        if (rows < 1_000) return "~" + rows + " row" + (rows == 1 ? "" : "s");
        if (rows < 1_000_000) return String.format(Locale.ROOT, "~%.1fk rows", rows / 1e3);
        if (rows < 1_000_000_000) return String.format(Locale.ROOT, "~%.1fM rows", rows / 1e6);
        return String.format(Locale.ROOT, "~%.1fG rows", rows / 1e9);
    }

    public String bytesText() {
        if (bytes < 0) return "size unknown";
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
