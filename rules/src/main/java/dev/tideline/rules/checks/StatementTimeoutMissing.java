package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.Locks;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;

@RuleInfo(id = "statement-timeout-missing", category = Category.LOCKING, severity = Severity.WARNING,
        summary = "A statement scans or rewrites an existing table under a blocking lock with no statement_timeout set.")
public final class StatementTimeoutMissing implements Rule {
    @Override
    public void check(RuleContext ctx) {
        SettingTracker timeout = new SettingTracker("statement_timeout");
        for (StatementUnit u : timeout.firstUncovered(ctx.statements(), StatementTimeoutMissing::longUnderLock)) {
            ctx.report(u, "scans or rewrites an existing table while holding "
                    + Locks.describeAll(LockTimeoutMissing.blockingLocks(u), "a blocking lock")
                    + ", with no statement_timeout: nothing bounds how long traffic waits",
                    "SET statement_timeout = '" + Fixes.STATEMENT_TIMEOUT_VALUE + "';  -- at the top of the migration, sized to the table",
                    TextFixes.prelude(ctx, u, "statement_timeout", Fixes.STATEMENT_TIMEOUT_VALUE));
        }
    }

    private static boolean longUnderLock(StatementUnit u) {
        if (LockTimeoutMissing.blockingLocks(u).isEmpty()) return false;
        for (AnalyzedOperation op : u.operations()) {
            if (!op.onNewTable() && (op.effect().rewrite() || op.effect().scan())) return true;
        }
        return false;
    }
}
