package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.Operation.TransactionKind;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;

@RuleInfo(id = "uncommitted-transaction", category = Category.TRANSACTIONS, severity = Severity.ERROR,
        summary = "BEGIN with no COMMIT before the end of the file: the changes and their locks wait on the session.")
public final class UncommittedTransaction implements Rule {
    @Override
    public void check(RuleContext ctx) {
        StatementUnit openedAt = null;
        AnalyzedOperation openedBy = null;
        for (StatementUnit u : ctx.statements()) {
            if (u.nested()) continue;
            for (AnalyzedOperation op : u.operations()) {
                if (!(op.operation() instanceof Operation.Transaction t)) continue;
                if (t.kind() == TransactionKind.BEGIN && openedAt == null) {
                    openedAt = u;
                    openedBy = op;
                } else if (t.kind() == TransactionKind.COMMIT || t.kind() == TransactionKind.ROLLBACK
                        || t.kind() == TransactionKind.PREPARE) {
                    openedAt = null;
                }
            }
        }
        if (openedAt == null) return;
        ctx.report(openedAt, openedBy, "this transaction is never committed in the file: depending on the runner the changes"
                + " are rolled back, or the session keeps every lock taken so far until something else commits",
                "COMMIT;  -- at the end of the transaction");
    }
}
