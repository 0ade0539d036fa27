package dev.tideline.analyzer.model;

/**
 * A lock an operation takes on one relation.
 *
 * @param referenced true when the table is locked only because it is referenced (e.g. the parent of a new foreign key)
 */
public record TableLock(TableRef table, LockMode mode, boolean referenced) {
    public boolean blocksReads() {
        return mode.blocksReads();
    }

    public boolean blocksWrites() {
        return mode.blocksWrites();
    }
}
