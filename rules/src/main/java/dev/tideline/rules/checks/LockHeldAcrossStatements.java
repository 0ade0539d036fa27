package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.rules.Category;
import dev.tideline.rules.Locks;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleInfo(id = "lock-held-across-statements", category = Category.LOCKING, severity = Severity.WARNING,
        summary = "A lock that blocks writes is taken, then more work runs in the same transaction while it is held.")
public final class LockHeldAcrossStatements implements Rule {
    @Override
    public void check(RuleContext ctx) {
        List<StatementUnit> units = ctx.statements();
        Set<Integer> reportedBlocks = new HashSet<>();
        for (int i = 0; i < units.size(); i++) {
            StatementUnit u = units.get(i);
            if (!u.tx().inTransaction() || reportedBlocks.contains(u.tx().blockId())) continue;
            List<TableLock> held = LockTimeoutMissing.blockingLocks(u);
            if (held.isEmpty()) continue;
            Set<String> heldTables = new HashSet<>();
            for (TableLock l : held) heldTables.add(l.table().toString());
            for (int j = i + 1; j < units.size(); j++) {
                StatementUnit later = units.get(j);
                if (!later.tx().inTransaction() || later.tx().blockId() != u.tx().blockId()) break;
                if (later.nested() && later.enclosing() == u.enclosing()) continue;
                if (!worthWaitingFor(later, heldTables)) continue;
                reportedBlocks.add(u.tx().blockId());
                ctx.report(u, "holds " + Locks.describeAll(held, "") + " until the transaction ends, while line "
                        + later.line() + " still has to run (and may wait for locks or scan): the table stays blocked"
                        + " for all of it", "Put the lock-taking statement in its own transaction (its own migration, or"
                        + " COMMIT right after it), last in the transaction, with a lock_timeout:\n" + Fixes.LOCK_TIMEOUT);
                break;
            }
        }
    }

    /**
     * A later statement that prolongs the blocking: it locks another existing table (it may wait in that lock's
     * queue), scans or rewrites, changes data, or is not understood.
     */
    private static boolean worthWaitingFor(StatementUnit later, Set<String> heldTables) {
        for (AnalyzedOperation op : later.operations()) {
            Operation o = op.operation();
            if (o instanceof Operation.Unrecognized || o instanceof Operation.DoBlock) return true;
            if (o instanceof Operation.Dml d && d.table() != null && !op.onNewTable()) return true;
            if (!op.onNewTable() && (op.effect().rewrite() || op.effect().scan())) return true;
            for (TableLock l : Locks.onExistingTables(op, later.schema())) {
                if (!heldTables.contains(l.table().toString())) return true;
            }
        }
        return false;
    }
}
