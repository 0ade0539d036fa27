package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.Operation.TransactionKind;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.RunnerDetector;
import dev.tideline.analyzer.tx.TxContext;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.List;
import java.util.Locale;

@RuleInfo(id = "transaction-nesting", category = Category.TRANSACTIONS, severity = Severity.WARNING,
        summary = "BEGIN inside a transaction (explicit or the runner's), or COMMIT with none open: boundaries are not where they look.")
public final class TransactionNesting implements Rule {
    @Override
    public void check(RuleContext ctx) {
        List<StatementUnit> units = ctx.statements().stream().filter(u -> !u.nested()).toList();
        Runner runner = ctx.file().runner();
        boolean runnerWraps = runnerTransaction(ctx, units);
        // golang-migrate and Prisma send the file as one query: BEGIN turns its implicit transaction into an explicit
        // one (no warning); only work after the COMMIT is split from what came before.
        boolean oneQuery = (runner == Runner.GOLANG_MIGRATE || runner == Runner.PRISMA) && units.size() > 1;
        String runnerName = runner.name().toLowerCase(Locale.ROOT).replace('_', '-');
        boolean open = false;
        for (int i = 0; i < units.size(); i++) {
            StatementUnit u = units.get(i);
            for (AnalyzedOperation op : u.operations()) {
                if (!(op.operation() instanceof Operation.Transaction t)) continue;
                if (t.kind() == TransactionKind.BEGIN) {
                    if (open) {
                        ctx.report(u, op, "BEGIN while a transaction is already open: PostgreSQL ignores it with a warning,"
                                + " and the next COMMIT ends the outer transaction too",
                                "Remove the inner BEGIN (use SAVEPOINT name / RELEASE SAVEPOINT name for a nested unit).");
                    } else if (runnerWraps) {
                        ctx.report(u, op, "BEGIN in a migration that " + runnerName
                                + " already runs in a transaction: the explicit COMMIT ends the runner's transaction early,"
                                + " so a later failure leaves the migration half applied",
                                "Remove BEGIN/COMMIT and let the runner wrap the migration in its transaction.");
                    } else if (oneQuery && workAfterCommit(units, i)) {
                        ctx.report(u, op, "BEGIN ... COMMIT in a file " + runnerName + " sends as one query: the COMMIT"
                                + " ends the file's implicit transaction, so the statements after it run in another one and a"
                                + " failure there leaves the migration half applied",
                                "Remove BEGIN/COMMIT: the whole file then runs as one implicit transaction.");
                    }
                    open = true;
                } else if (t.kind() == TransactionKind.COMMIT || t.kind() == TransactionKind.ROLLBACK) {
                    if (!open && !runnerWraps && !oneQuery) {
                        ctx.report(u, op, t.kind() + " with no transaction open: PostgreSQL only warns, and the statements"
                                + " before it were not atomic", "Add BEGIN where the transaction should start, or remove the " + t.kind() + ".");
                    }
                    open = false;
                }
            }
        }
    }

    /** Whether the runner opens a real transaction around the file (a BEGIN in it then nests). */
    private static boolean runnerTransaction(RuleContext ctx, List<StatementUnit> units) {
        Runner runner = ctx.file().runner();
        if (runner == Runner.GOLANG_MIGRATE || runner == Runner.PRISMA) return false;
        if (units.stream().anyMatch(u -> u.tx().source() == TxContext.Source.RUNNER)) return true;
        if (runner != Runner.FLYWAY && runner != Runner.DIESEL && runner != Runner.SQLX && runner != Runner.GOOSE) return false;
        if (RunnerDetector.transactionDisabledBySidecar(ctx.file().file(), runner)) return false;
        if (runner == Runner.SQLX && RunnerDetector.sqlxNoTransaction(firstLine(ctx))) return false;
        if (runner == Runner.GOOSE && RunnerDetector.gooseNoTransaction(ctx.text())) return false;
        // Flyway runs a file holding non-transactional statements without a transaction.
        return runner != Runner.FLYWAY || units.stream().flatMap(u -> u.operations().stream()).noneMatch(NonTransactional::is);
    }

    private static boolean workAfterCommit(List<StatementUnit> units, int begin) {
        boolean committed = false;
        for (int j = begin + 1; j < units.size(); j++) {
            StatementUnit later = units.get(j);
            if (committed && later.doesWork()) return true;
            for (AnalyzedOperation op : later.operations()) {
                if (op.operation() instanceof Operation.Transaction t
                        && (t.kind() == TransactionKind.COMMIT || t.kind() == TransactionKind.ROLLBACK)) committed = true;
            }
        }
        return false;
    }

    private static String firstLine(RuleContext ctx) {
        return ctx.text().lines().filter(l -> !l.isBlank()).findFirst().orElse(null);
    }
}
