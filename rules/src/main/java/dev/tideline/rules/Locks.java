package dev.tideline.rules;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.SchemaView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers to read and describe the locks of the analyzer's lock model. */
public final class Locks {
    private Locks() {}

    /** The locks an operation takes on tables that existed before this file/transaction (others harm no one). */
    public static List<TableLock> onExistingTables(AnalyzedOperation op, SchemaView schema) {
        List<TableLock> out = new ArrayList<>();
        TableRef created = createdBy(op.operation());
        for (TableLock lock : op.effect().locks()) {
            boolean isNew = lock.referenced() ? schema.isNew(lock.table()) : op.onNewTable() || schema.isNew(lock.table());
            if (created != null && created.sameAs(lock.table())) isNew = true;
            if (!isNew) out.add(lock);
        }
        return out;
    }

    /**
     * The relation this statement brings into existence (CREATE TABLE / VIEW / MATERIALIZED VIEW / SEQUENCE):
     * its own lock on it waits for no one. CREATE OR REPLACE may replace a view in use, so it is not counted.
     */
    private static TableRef createdBy(Operation op) {
        if (op instanceof Operation.CreateTable c) return c.table();
        if (op instanceof Operation.ObjectChange c && "CREATE".equals(c.verb())) return c.table();
        return null;
    }

    /** Keeps the strongest lock per table. */
    public static List<TableLock> distinct(List<TableLock> locks) {
        Map<String, TableLock> byTable = new LinkedHashMap<>();
        for (TableLock l : locks) {
            byTable.merge(l.table().toString(), l, (a, b) -> a.mode().compareTo(b.mode()) >= 0 ? a : b);
        }
        return List.copyOf(byTable.values());
    }

    /** e.g. "ACCESS EXCLUSIVE on orders (blocks reads and writes)". */
    public static String describe(TableLock lock) {
        return lock.mode().sql() + " on " + lock.table() + " (" + blocks(lock.mode()) + ")";
    }

    public static String blocks(LockMode mode) {
        if (mode.blocksReads()) return "blocks reads and writes";
        if (mode.blocksWrites()) return "blocks writes";
        if (mode.conflictsWith(LockMode.SHARE_UPDATE_EXCLUSIVE)) return "blocks other DDL and VACUUM";
        return "blocks only stronger locks";
    }

    /** Human list of the given locks, or the fallback when the model reports none. */
    public static String describeAll(List<TableLock> locks, String fallback) {
        if (locks.isEmpty()) return fallback;
        List<String> parts = new ArrayList<>();
        for (TableLock l : locks) parts.add(describe(l));
        return String.join(", ", parts);
    }
}
