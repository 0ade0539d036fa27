package dev.tideline.report;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.rules.Locks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The distinct table locks one statement takes, each marked harmless when its table is new (as the rules judge it). */
final class StatementLocks {
    record Taken(TableLock lock, boolean harmless) {}

    private StatementLocks() {}

    static List<Taken> of(AnalyzedStatement statement) {
        Set<Taken> taken = new LinkedHashSet<>();
        for (AnalyzedOperation op : statement.operations()) {
            if (op.effect() == null) continue;
            List<TableLock> existing = statement.schemaBefore() == null ? null
                    : Locks.onExistingTables(op, statement.schemaBefore());
            for (TableLock lock : op.effect().locks()) {
                boolean harmless = existing != null ? !existing.contains(lock) : isNew(op, lock);
                taken.add(new Taken(lock, harmless));
            }
        }
        return new ArrayList<>(taken);
    }

    /** Without a schema model: only the operation's own new table is known to be new. */
    private static boolean isNew(AnalyzedOperation op, TableLock lock) {
        return op.onNewTable() && lock.table().sameAs(op.operation().table());
    }

    /** True when the statement blocks reads or writes on a table other sessions may be using. */
    static boolean blocksTraffic(AnalyzedStatement statement) {
        return of(statement).stream().anyMatch(t -> !t.harmless() && (t.lock().blocksReads() || t.lock().blocksWrites()));
    }
}
