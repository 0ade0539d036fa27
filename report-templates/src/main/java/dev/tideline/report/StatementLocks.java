package dev.tideline.report;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.model.TableLock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The distinct table locks one statement takes, each marked harmless when its table is new. */
final class StatementLocks {
    record Taken(TableLock lock, boolean harmless) {}

    private StatementLocks() {}

    static List<Taken> of(AnalyzedStatement statement) {
        Set<Taken> taken = new LinkedHashSet<>();
        for (AnalyzedOperation op : statement.operations()) {
            if (op.effect() == null) continue;
            for (TableLock lock : op.effect().locks()) taken.add(new Taken(lock, isNew(statement, op, lock)));
        }
        return new ArrayList<>(taken);
    }

    /** A table created earlier in the same file or transaction: nobody else can be waiting on it yet. */
    private static boolean isNew(AnalyzedStatement statement, AnalyzedOperation op, TableLock lock) {
        if (op.onNewTable() && lock.table().sameAs(op.operation().table())) return true;
        return statement.schemaBefore() != null && statement.schemaBefore().isNew(lock.table());
    }

    /** True when the statement blocks reads or writes on a table other sessions may be using. */
    static boolean blocksTraffic(AnalyzedStatement statement) {
        return of(statement).stream().anyMatch(t -> !t.harmless() && (t.lock().blocksReads() || t.lock().blocksWrites()));
    }
}
