package dev.tideline.mysql.conformance;

/**
 * What a server did with one statement under one clause.
 *
 * @param algorithm the ALGORITHM written, null for none
 * @param lock      the LOCK written, null for none
 * @param errno     0 when the server ran the statement, else its error number (1845, 1846, 1221, 1064, …)
 * @param rebuilt   the table got a new InnoDB table id (a surviving partition did, for partitioned tables)
 * @param rows      the affected-rows count (a table copy reports every row)
 */
record Answer(String algorithm, String lock, int errno, String message, boolean rebuilt, long rows) {

    boolean accepted() {
        return errno == 0;
    }

    /** {@code INPLACE/NONE}, {@code INSTANT}, {@code DEFAULT}. */
    String clause() {
        if (algorithm == null && lock == null) return "DEFAULT";
        return (algorithm == null ? "" : algorithm) + (lock == null ? "" : "/" + lock);
    }

    /** {@code ✓}, {@code ✓ R}, {@code ✗ 1846}: the cell of the reference document's per-clause tables. */
    String cell() {
        return accepted() ? (rebuilt ? "✓ R" : "✓") : "✗ " + errno;
    }
}
