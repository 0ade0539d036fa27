package dev.tideline.trace.stats;

/**
 * Live size of one table (shown to users through the rules' {@code TableSize}).
 *
 * @param rowEstimate pg_class.reltuples, or -1 when unknown: the table was never vacuumed or analysed
 * @param totalBytes  pg_total_relation_size: the table with its indexes and TOAST
 */
public record TableStats(long rowEstimate, long totalBytes) {}
