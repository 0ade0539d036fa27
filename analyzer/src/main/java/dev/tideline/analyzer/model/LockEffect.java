package dev.tideline.analyzer.model;

import java.util.List;

/**
 * What an operation does to the tables it touches on the target PostgreSQL version.
 *
 * @param rewrite          the table (and its indexes) is rewritten under the lock
 * @param scan             the table is read in full under the lock (validation, index build)
 * @param transactional    false when the statement cannot run inside a transaction block
 * @param note             a short human explanation of the version-specific reasoning, or null
 */
public record LockEffect(List<TableLock> locks, boolean rewrite, boolean scan, boolean transactional, String note) {
    public static final LockEffect NONE = new LockEffect(List.of(), false, false, true, null);

    /** The strongest mode among the locks, or null when none is taken. */
    public LockMode strongest() {
        LockMode max = null;
        for (TableLock l : locks) if (max == null || l.mode().compareTo(max) > 0) max = l.mode();
        return max;
    }
}
