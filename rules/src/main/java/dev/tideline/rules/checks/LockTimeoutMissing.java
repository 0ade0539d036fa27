package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.rules.Category;
import dev.tideline.rules.Locks;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "lock-timeout-missing", category = Category.LOCKING, severity = Severity.WARNING,
        summary = "A statement takes a lock that blocks writes on an existing table with no lock_timeout set before it.")
public final class LockTimeoutMissing implements Rule {
    @Override
    public void check(RuleContext ctx) {
        SettingTracker timeout = new SettingTracker("lock_timeout");
        for (StatementUnit u : timeout.firstUncovered(ctx.statements(), u -> !blockingLocks(u).isEmpty())) {
            ctx.report(u, "takes " + Locks.describeAll(blockingLocks(u), "") + " with no lock_timeout: if it waits behind a"
                    + " long-running query, every later query on the table queues behind it",
                    Fixes.LOCK_TIMEOUT + "  -- at the top of the migration (SET LOCAL inside a transaction);\n"
                            + "-- and retry the migration when it fails with lock_not_available",
                    TextFixes.prelude(ctx, u, "lock_timeout", Fixes.LOCK_TIMEOUT_VALUE));
        }
    }

    /** Locks on existing tables that block writes (SHARE and stronger). */
    static List<TableLock> blockingLocks(StatementUnit u) {
        List<TableLock> out = new ArrayList<>();
        for (AnalyzedOperation op : u.operations()) {
            for (TableLock l : Locks.onExistingTables(op, u.schema())) if (l.blocksWrites()) out.add(l);
        }
        return Locks.distinct(out);
    }
}
