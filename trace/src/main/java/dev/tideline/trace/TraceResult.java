package dev.tideline.trace;

import java.util.List;

/**
 * Everything one trace observed; serialised as the documented JSON format (docs/trace-json.md), so component names
 * and order are part of a stable contract: add, never rename.
 *
 * @param server  server version string as reported by PostgreSQL
 * @param target  where it ran: {@code embedded}, {@code scratch database} or {@code in place}, with the URL masked
 * @param failure the first failing statement's located error, or null when everything ran
 */
public record TraceResult(int schemaVersion, String server, String target, long rows, long durationMs,
                          List<TracedFile> files, int disagreements, String failure, List<String> notes) {
    public static final int SCHEMA_VERSION = 1;

    /** @param traced false for an earlier migration only replayed to build the schema */
    public record TracedFile(String path, boolean traced, List<TracedStatement> statements) {}

    public enum Status { ok, failed, skipped, not_run }

    /**
     * @param transaction {@code none}, or {@code runner#N} / {@code explicit#N}: statements with the same value share a transaction
     * @param observation {@code in-transaction} (exact, read before commit) or {@code sampled} (polled while a
     *                    statement that cannot run in a transaction block ran: short locks may be missed)
     */
    public record TracedStatement(String file, int line, int column, String sql, String transaction, Status status,
                                  String error, double durationMs, String observation, Effect observed,
                                  Effect predicted, List<TableVerdict> tables, List<String> disagreements,
                                  List<Danger> dangers, List<String> notes) {}

    public record Effect(List<Lock> locks, List<String> rewritten) {}

    /**
     * @param relation   the locked relation (a table, index, sequence, TOAST table…)
     * @param kind       table, partitioned table, index, sequence, toast, view, materialized view…
     * @param table      the table it belongs to (itself for a table)
     * @param heldBefore already held before the statement, by an earlier statement of the same transaction
     */
    public record Lock(String relation, String kind, String table, String mode, boolean heldBefore) {}

    /** Per table: strongest lock mode predicted vs observed, and rewrites. Modes are pg_locks names or null. */
    public record TableVerdict(String table, String predicted, String observed, boolean predictedRewrite,
                               boolean observedRewrite, boolean agrees) {}

    /** @param confirmed the lock or rewrite that makes it dangerous was observed on the real server */
    public record Danger(String rule, String message, boolean confirmed) {}
}
