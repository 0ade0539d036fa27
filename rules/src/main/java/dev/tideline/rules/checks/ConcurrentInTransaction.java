package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;

@RuleInfo(id = "concurrent-in-transaction", category = Category.TRANSACTIONS, severity = Severity.ERROR,
        summary = "CONCURRENTLY, VACUUM and other non-transactional statements inside a transaction: the deploy fails.")
public final class ConcurrentInTransaction implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (StatementUnit u : ctx.statements()) {
            if (!u.tx().inTransaction() && !u.nested()) continue;
            for (AnalyzedOperation op : u.operations()) {
                if (!NonTransactional.is(op)) continue;
                String where = u.nested() ? "inside a DO block (a function cannot run it)"
                        : u.tx().source() == TxContext.Source.EXPLICIT ? "inside the explicit transaction"
                        : "inside the transaction " + ctx.file().runner().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                          + " wraps each migration in";
                ctx.report(u, op, NonTransactional.describe(op.operation()) + " cannot run in a transaction block, and this runs "
                        + where + ": the migration fails with \"cannot run inside a transaction block\"",
                        "Put it in a migration of its own that the runner applies without a transaction (e.g. Flyway: a file"
                                + " holding only non-transactional statements; golang-migrate: one statement per file;"
                                + " sqlx: `-- no-transaction`; goose: `-- +goose NO TRANSACTION`; Diesel: run_in_transaction = false).");
            }
        }
    }
}
