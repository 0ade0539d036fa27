package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.RunnerDetector;
import dev.tideline.analyzer.tx.TransactionTracker;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import dev.tideline.rules.TextFix;
import java.util.List;

@RuleInfo(id = "mixed-non-transactional", category = Category.TRANSACTIONS, severity = Severity.WARNING,
        summary = "A file mixes non-transactional statements with others: a failure midway leaves it half applied;"
                + " an error under Flyway, which refuses such a file (mixed=false by default).")
public final class MixedNonTransactional implements Rule {
    @Override
    public void check(RuleContext ctx) {
        Runner runner = ctx.file().runner();
        // psql -f and plain scripts run each statement on its own: such a file was never atomic, nothing is lost.
        boolean explicit = ctx.statements().stream().anyMatch(u -> u.tx().source() == TxContext.Source.EXPLICIT);
        if ((runner == Runner.PLAIN || runner == Runner.PSQL) && !explicit) return;
        // The unit a runner applies at once: the file, or for Liquibase each changeset.
        List<Integer> unitStarts = ctx.file().changesets().stream().map(TransactionTracker.Changeset::line).toList();
        StatementUnit firstNonTx = null;
        AnalyzedOperation firstOp = null;
        int others = 0;
        int unit = 0;
        for (StatementUnit u : ctx.statements()) {
            if (u.nested()) continue;
            int k = unitOf(unitStarts, u.line());
            if (k != unit) {
                report(ctx, runner, firstNonTx, firstOp, others);
                firstNonTx = null;
                firstOp = null;
                others = 0;
                unit = k;
            }
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
        report(ctx, runner, firstNonTx, firstOp, others);
    }

    private static void report(RuleContext ctx, Runner runner, StatementUnit firstNonTx, AnalyzedOperation firstOp, int others) {
        if (firstNonTx == null || others == 0) return;
        String unit = runner == Runner.LIQUIBASE ? "changeset" : "file";
        String message = NonTransactional.describe(firstOp.operation()) + " cannot share a transaction with the "
                + others + " other statement(s) of this " + unit + ": if one fails midway the " + unit + " is half applied"
                + " and its re-run fails";
        String fix = "Move each non-transactional statement into a " + (runner == Runner.LIQUIBASE
                ? "changeset (runInTransaction:false)" : "migration file") + " of its own, made re-runnable (IF NOT EXISTS / IF EXISTS).";
        if (runner == Runner.FLYWAY && !RunnerDetector.transactionDisabledBySidecar(ctx.file().file(), runner)) {
            // Flyway's default mixed=false fails the deploy on such a file before running any of it, unless its script
            // configuration sets executeInTransaction
            ctx.reportRefusedAtDeploy(firstNonTx, firstOp, message + "; Flyway refuses to run this file (\"Detected both"
                    + " transactional and non-transactional statements\") unless flyway.mixed=true, which tideline does not"
                    + " read: with mixed=true, set this rule's severity to warning in tideline.yaml", fix,
                    ctx.runnerWays().transactionOff(firstNonTx.line())
                            .map(edits -> new TextFix("run the file outside a transaction (executeInTransaction=false)", edits))
                            .orElse(null));
        } else {
            ctx.report(firstNonTx, firstOp, message, fix);
        }
    }

    private static int unitOf(List<Integer> starts, int line) {
        int k = 0;
        for (int i = 0; i < starts.size(); i++) if (starts.get(i) <= line) k = i + 1;
        return k;
    }
}
