package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.Operation.TransactionKind;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;

@RuleInfo(id = "transaction-nesting", category = Category.TRANSACTIONS, severity = Severity.WARNING,
        summary = "BEGIN inside a transaction (explicit or the runner's), or COMMIT with none open: boundaries are not where they look.")
public final class TransactionNesting implements Rule {
    @Override
    public void check(RuleContext ctx) {
        boolean open = false;
        boolean runnerWraps = ctx.statements().stream().anyMatch(u -> u.tx().source() == TxContext.Source.RUNNER);
        for (StatementUnit u : ctx.statements()) {
            if (u.nested()) continue;
            for (AnalyzedOperation op : u.operations()) {
                if (!(op.operation() instanceof Operation.Transaction t)) continue;
                if (t.kind() == TransactionKind.BEGIN) {
                    if (open) {
                        ctx.report(u, op, "BEGIN while a transaction is already open: PostgreSQL ignores it with a warning,"
                                + " and the next COMMIT ends the outer transaction too",
                                "Remove the inner BEGIN (use SAVEPOINT name / RELEASE SAVEPOINT name for a nested unit).");
                    } else if (runnerWraps) {
                        ctx.report(u, op, "BEGIN in a migration that " + ctx.file().runner().name().toLowerCase(java.util.Locale.ROOT)
                                + " already runs in a transaction: the explicit COMMIT ends the runner's transaction early,"
                                + " so a later failure leaves the migration half applied",
                                "Remove BEGIN/COMMIT and let the runner wrap the migration in its transaction.");
                    }
                    open = true;
                } else if (t.kind() == TransactionKind.COMMIT || t.kind() == TransactionKind.ROLLBACK) {
                    if (!open && !runnerWraps) {
                        ctx.report(u, op, t.kind() + " with no transaction open: PostgreSQL only warns, and the statements"
                                + " before it were not atomic", "Add BEGIN where the transaction should start, or remove the " + t.kind() + ".");
                    }
                    open = false;
                }
            }
        }
    }
}
