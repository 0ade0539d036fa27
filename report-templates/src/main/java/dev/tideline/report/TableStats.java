package dev.tideline.report;

/**
 * Live size of one table, when statistics are available.
 *
 * @param rows  estimated row count (pg_class.reltuples), -1 when unknown
 * @param bytes total relation size including indexes and TOAST, -1 when unknown
 */
public record TableStats(String table, long rows, long bytes) {}
