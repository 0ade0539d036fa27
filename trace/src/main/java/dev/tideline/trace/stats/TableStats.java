package dev.tideline.trace.stats;

/**
 * Live size of one table.
 *
 * @param rowEstimate pg_class.reltuples, or -1 when the table was never vacuumed or analysed
 * @param totalBytes  pg_total_relation_size: the table with its indexes and TOAST
 */
public record TableStats(long rowEstimate, long totalBytes) {
    /** e.g. {@code ~1.2M rows, 340 MB}. */
    public String describe() {
        String rows = rowEstimate < 0 ? "rows unknown (never analysed)" : "~" + compact(rowEstimate) + " rows";
        return rows + ", " + bytes(totalBytes);
    }

    static String compact(long n) {
        if (n < 1_000) return Long.toString(n);
        if (n < 1_000_000) return String.format(java.util.Locale.ROOT, "%.1fk", n / 1e3);
        if (n < 1_000_000_000) return String.format(java.util.Locale.ROOT, "%.1fM", n / 1e6);
        return String.format(java.util.Locale.ROOT, "%.1fG", n / 1e9);
    }

    static String bytes(long b) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
