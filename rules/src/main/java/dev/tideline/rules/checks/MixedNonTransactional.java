package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;

@RuleInfo(id = "mixed-non-transactional", category = Category.TRANSACTIONS, severity = Severity.WARNING,
        summary = "A file mixes non-transactional statements with others: a failure midway leaves it half applied.")
public final class MixedNonTransactional implements Rule {
    @Override
    public void check(RuleContext ctx) {
        StatementUnit firstNonTx = null;
        AnalyzedOperation firstOp = null;
        int others = 0;
        for (StatementUnit u : ctx.statements()) {
            if (u.nested()) continue;
            boolean nonTx = false;
            for (AnalyzedOperation op : u.operations()) {
                if (NonTransactional.is(op)) {
                    nonTx = true;
                    if (firstNonTx == null) {
                        firstNonTx = u;
                        firstOp = op;
                    }
                }
            }
            if (!nonTx && u.doesWork()) others++;
        }
        if (firstNonTx == null || others == 0) return;
        // psql -f and plain scripts run each statement on its own: such a file was never atomic, nothing is lost.
        Runner runner = ctx.file().runner();
        boolean explicit = ctx.statements().stream().anyMatch(u -> u.tx().source() == TxContext.Source.EXPLICIT);
        if ((runner == Runner.PLAIN || runner == Runner.PSQL) && !explicit) return;
        ctx.report(firstNonTx, firstOp, NonTransactional.describe(firstOp.operation()) + " cannot share a transaction with the "
                + others + " other statement(s) of this file: if one fails midway the file is half applied and its re-run"
                + " fails" + (runner == Runner.FLYWAY ? " (Flyway refuses such a file unless mixed=true)" : ""),
                "Move each non-transactional statement into a migration file of its own, made re-runnable (IF NOT EXISTS / IF EXISTS).");
    }
}
