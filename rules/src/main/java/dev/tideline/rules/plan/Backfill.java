package dev.tideline.rules.plan;

/**
 * A batched, keyset-paginated, idempotent data job: either an UPDATE of {@code table} or, when {@code copyInto}
 * is set, a copy of rows from {@code table} into {@code copyInto}. Runs as SQL (see {@link #batchSql(String, String)})
 * or with {@code tideline backfill}.
 *
 * @param table        the table whose rows are walked (quoted as needed)
 * @param keyColumn    a unique, not-null, orderable column of {@code table} (quoted as needed)
 * @param setClause    for an UPDATE: the SET list, e.g. {@code email_address = email}; null for a copy
 * @param whereNotDone rows still to do, e.g. {@code email_address IS DISTINCT FROM email}; for a copy, a predicate
 *                     over {@code src} (the source row alias)
 * @param copyInto     for a copy: the target table; null for an UPDATE
 * @param copyColumns  for a copy: comma-separated target columns; the first receives the source row's key, the
 *                     others the same-named columns of {@code table}; null for an UPDATE
 * @param batchSize    rows per batch
 * @param pauseMs      pause between batches
 */
public record Backfill(String table, String keyColumn, String setClause, String whereNotDone, String copyInto,
                       String copyColumns, int batchSize, int pauseMs) {

    public boolean isCopy() {
        return copyInto != null;
    }

    /**
     * One batch after the key expression {@code lastKey} (the first when null), up to and including the key
     * expression {@code endKey} (no upper bound when null): the walk stops where it was meant to, even when the
     * last batch has room for rows inserted after the walk began. Returns one row: {@code last_key} (the highest
     * key of the batch, NULL when no rows are left) and {@code done} (rows changed). Re-running a batch changes
     * nothing (idempotent).
     */
    public String batchSql(String lastKey, String endKey) {
        String after = lastKey == null ? "" : keyColumn + " > " + lastKey;
        String upTo = endKey == null ? "" : keyColumn + " <= " + endKey;
        String bounds = after.isEmpty() || upTo.isEmpty() ? after + upTo : after + " AND " + upTo;
        String batch = "SELECT " + keyColumn + " AS batch_key FROM " + table + (bounds.isEmpty() ? "" : " WHERE " + bounds)
                + " ORDER BY " + keyColumn + " LIMIT " + batchSize;
        String work;
        if (isCopy()) {
            work = "INSERT INTO " + copyInto + " (" + copyColumns + ") SELECT " + sourceColumns()
                    + " FROM " + table + " src JOIN batch ON src." + keyColumn + " = batch.batch_key WHERE " + whereNotDone
                    + " ON CONFLICT DO NOTHING RETURNING 1";
        } else {
            work = "UPDATE " + table + " SET " + setClause + " FROM batch WHERE " + table + "." + keyColumn
                    + " = batch.batch_key AND (" + whereNotDone + ") RETURNING 1";
        }
        return "WITH batch AS (" + batch + "), work AS (" + work + ") "
                + "SELECT (SELECT batch_key FROM batch ORDER BY batch_key DESC LIMIT 1) AS last_key,"
                + " (SELECT count(*) FROM work) AS done";
    }

    /**
     * The highest key when the walk starts, which is where the walk ends. ORDER BY rather than max(): uuid and other
     * keys with a btree order have no max aggregate.
     */
    public String highestKeySql() {
        return "SELECT " + keyColumn + " FROM " + table + " WHERE " + keyColumn + " IS NOT NULL ORDER BY " + keyColumn
                + " DESC LIMIT 1";
    }

    /** Rows still to do: the gate after the backfill expects 0. */
    public String remainingSql() {
        if (isCopy()) {
            return "SELECT count(*) FROM " + table + " src WHERE " + whereNotDone;
        }
        return "SELECT count(*) FROM " + table + " WHERE " + whereNotDone;
    }

    /** The source row's key, then the same-named columns. */
    private String sourceColumns() {
        StringBuilder sb = new StringBuilder("src." + keyColumn);
        String[] columns = copyColumns.split(",");
        for (int i = 1; i < columns.length; i++) sb.append(", src.").append(columns[i].strip());
        return sb.toString();
    }
}
