package dev.tideline.rules.plan;

/**
 * A batched, keyset-paginated, idempotent data job: either an UPDATE of {@code table} or, when {@code copyInto}
 * is set, a copy of rows from {@code table} into {@code copyInto}. Runs as SQL (see {@link #batchSql(boolean)})
 * or with {@code tideline backfill}.
 *
 * @param table        the table whose rows are walked (quoted as needed)
 * @param keyColumn    a unique, not-null, orderable column of {@code table} (quoted as needed)
 * @param setClause    for an UPDATE: the SET list, e.g. {@code email_address = email}; null for a copy
 * @param whereNotDone rows still to do, e.g. {@code email_address IS DISTINCT FROM email}; for a copy, a predicate
 *                     over {@code src} (the source row alias)
 * @param copyInto     for a copy: the target table; null for an UPDATE
 * @param copyColumns  for a copy: comma-separated target columns, filled from the same-named columns of
 *                     {@code table}; null for an UPDATE
 * @param batchSize    rows per batch
 * @param pauseMs      pause between batches
 */
public record Backfill(String table, String keyColumn, String setClause, String whereNotDone, String copyInto,
                       String copyColumns, int batchSize, int pauseMs) {

    public boolean isCopy() {
        return copyInto != null;
    }

    /**
     * One batch. Returns one row: {@code last_key} (the highest key of the batch, NULL when no rows are left) and
     * {@code done} (rows changed). Unless {@code first}, it takes one JDBC parameter: the previous batch's
     * {@code last_key}. Re-running a batch changes nothing (idempotent).
     */
    public String batchSql(boolean first) {
        String after = first ? "" : " WHERE " + keyColumn + " > ?";
        String batch = "SELECT " + keyColumn + " AS k FROM " + table + after + " ORDER BY " + keyColumn
                + " LIMIT " + batchSize;
        String work;
        if (isCopy()) {
            work = "INSERT INTO " + copyInto + " (" + copyColumns + ") SELECT " + prefixed("src.", copyColumns)
                    + " FROM " + table + " src JOIN batch ON src." + keyColumn + " = batch.k WHERE " + whereNotDone
                    + " ON CONFLICT DO NOTHING RETURNING 1";
        } else {
            work = "UPDATE " + table + " SET " + setClause + " FROM batch WHERE " + table + "." + keyColumn
                    + " = batch.k AND (" + whereNotDone + ") RETURNING 1";
        }
        return "WITH batch AS (" + batch + "), work AS (" + work + ") "
                + "SELECT (SELECT max(k) FROM batch) AS last_key, (SELECT count(*) FROM work) AS done";
    }

    /** Rows still to do: the gate after the backfill expects 0. */
    public String remainingSql() {
        if (isCopy()) {
            return "SELECT count(*) FROM " + table + " src WHERE " + whereNotDone;
        }
        return "SELECT count(*) FROM " + table + " WHERE " + whereNotDone;
    }

    private static String prefixed(String prefix, String columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns.split(",")) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(prefix).append(c.strip());
        }
        return sb.toString();
    }
}
