package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.Clause;
import dev.tideline.mysql.effects.LockLevel;
import dev.tideline.mysql.effects.Outcome;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.lint.MySqlCosts;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterClauses;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/**
 * An explicit ALGORITHM/LOCK that costs more than the statement needs or that the server refuses, by the online-DDL
 * model's outcome for the written clause against the clause-less one: LOCK=SHARED/EXCLUSIVE or ALGORITHM=COPY where
 * the server would let writes through, MySQL's ALGORITHM=INPLACE forcing a rebuild of an instant change, MySQL's
 * ALGORITHM=INSTANT with a LOCK (error 1221), and clauses MariaDB does not take (DROP INDEX … ON, partitions).
 */
@RuleInfo(id = "algorithm-lock-clause", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "An explicit ALGORITHM=/LOCK= that blocks writes the server would allow, forces a rebuild, or that the server refuses.")
public final class AlgorithmLockClause implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            Clause written = clauses(p.operation()).clause();
            if (written.isDefault()) continue;
            Prediction pr = p.prediction();
            Outcome asWritten = pr.outcome(written);
            Outcome bare = pr.outcome(Clause.DEFAULT);
            String problem = problem(written, asWritten, bare, pr);
            if (problem == null) continue;
            report.at(p.statement(), written.sql() + " on " + p.table() + ": " + problem,
                    "-- write the clause that matches what the server can do without blocking writes, or none:\n"
                            + "-- " + (bare instanceof Outcome.Runs r && r.algorithm() != Algorithm.COPY
                            ? "without the clause " + MySqlCosts.on(file.version(), pr.effectOf(Clause.DEFAULT))
                            : "this change needs a copy: use an online schema-change tool (gh-ost, pt-online-schema-change)"));
        }
    }

    private static String problem(Clause written, Outcome asWritten, Outcome bare, Prediction p) {
        if (asWritten instanceof Outcome.Refused r) {
            return bare instanceof Outcome.Runs ? "the server refuses the statement with this clause (error "
                    + String.join("/", r.errnos().stream().sorted().map(String::valueOf).toList()) + ": " + r.reason()
                    + "), while it runs without one" : null;
        }
        if (!(bare instanceof Outcome.Runs b)) return null;
        Outcome.Runs w = (Outcome.Runs) asWritten;
        if (w.rebuild() && !b.rebuild()) {
            return "forces ALGORITHM=" + w.algorithm() + ", which rebuilds the table, where the server would run it "
                    + b.algorithm() + " without a rebuild";
        }
        LockLevel needed = p.effectOf(Clause.DEFAULT).lock();
        LockLevel lock = p.effectOf(written).lock();
        if (lock.compareTo(needed) > 0) {
            return "blocks " + (lock == LockLevel.EXCLUSIVE ? "reads and writes" : "writes") + " for the whole change, where"
                    + " the server would allow LOCK=" + needed;
        }
        return null;
    }

    private static AlterClauses clauses(MySqlOperation op) {
        if (op instanceof MySqlOperation.AlterTable at) return at.clauses();
        if (op instanceof MySqlOperation.CreateIndex ci) return ci.clauses();
        if (op instanceof MySqlOperation.DropIndex di) return di.clauses();
        return AlterClauses.NONE;
    }
}
