package dev.tideline.analyzer.model;

/**
 * A lock an operation takes on one relation.
 *
 * @param referenced true when the table is locked only through a foreign key to or from the statement's table (e.g. the
 *                   parent of a new foreign key): it is never rewritten by the statement
 */
public record TableLock(TableRef table, LockMode mode, boolean referenced) {
    public boolean blocksReads() {
        return mode.blocksReads();
    }

    public boolean blocksWrites() {
        return mode.blocksWrites();
    }
}
