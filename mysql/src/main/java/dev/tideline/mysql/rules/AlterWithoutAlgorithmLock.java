package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.Clause;
import dev.tideline.mysql.effects.DdlEffect;
import dev.tideline.mysql.effects.Outcome;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.lint.MySqlCosts;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.AlterClauses;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

/**
 * Without ALGORITHM/LOCK the server picks the algorithm, and falls back to a table copy that blocks writes when the
 * change cannot run in place on the server it meets; with them it refuses instead (error 1846), before touching the
 * table. The fix is the clause that asserts what the model predicts for the target, in the vendor's own rules; where
 * the flavour's oldest supported release predicts the same algorithm, the finding is INFO (nothing version-dependent
 * to guard against, only schema facts tideline did not see).
 */
@RuleInfo(id = "alter-without-algorithm-lock", category = Category.LOCKING, severity = Severity.WARNING,
        dialects = "mysql", preview = true,
        summary = "ALTER TABLE on an existing table without ALGORITHM=/LOCK=: the server may silently copy the table, blocking writes.")
public final class AlterWithoutAlgorithmLock implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (int i = 0; i < s.operations().size(); i++) {
                MySqlOperation op = s.operations().get(i);
                AlterClauses clauses;
                if (op instanceof MySqlOperation.AlterTable at && changesStructure(at)) clauses = at.clauses();
                else if (op instanceof MySqlOperation.CreateIndex ci) clauses = ci.clauses();
                else continue;
                if (s.isNew(Statements.lockedTables(op).get(0)) || !clauses.clause().isDefault() || clauses.online()) continue;
                Prediction p = s.predictions().get(i);
                if (!p.modelled()) {
                    report.at(s, "changes " + Statements.lockedTables(op).get(0) + " without ALGORITHM=/LOCK=: tideline"
                            + " cannot predict how the server runs it, and the server may copy the table instead of refusing",
                            fix(op, "ALGORITHM=INPLACE, LOCK=NONE"));
                    continue;
                }
                DdlEffect e = p.effect();
                // a refused statement or a predicted copy is another rule's finding
                if (e.algorithm() == null || e.algorithm() == Algorithm.COPY) continue;
                Clause asserted = asserting(p, e);
                if (asserted == null) continue;
                DdlEffect oldest = s.onOldest().get(i).modelled() ? s.onOldest().get(i).effect() : null;
                String message = "changes " + Statements.lockedTables(op).get(0) + " without ALGORITHM=/LOCK=: "
                        + file.version().display() + " " + MySqlCosts.of(e);
                String fix = fix(op, asserted.sql());
                if (oldest != null && oldest.algorithm() == e.algorithm() && oldest.rebuild() == e.rebuild()) {
                    report.atInfo(s, message + ", on every supported release; the clause makes a server that cannot"
                            + " (an unusual table) refuse instead of copying", fix);
                } else {
                    String older = oldest == null || oldest.algorithm() == null ? "refuses it"
                            : MySqlCosts.of(oldest);
                    report.at(s, message + ", but " + file.version().oldestSupported().display() + " " + older
                            + ": the clause makes a server that cannot run it so refuse instead of silently copying", fix);
                }
            }
        }
    }

    /**
     * The clause that makes the server run the statement as predicted, or refuse: the predicted algorithm with the
     * weakest LOCK where the vendor takes both (MySQL refuses any LOCK with ALGORITHM=INSTANT: error 1221), checked
     * against the model so that it neither fails nor changes the outcome (MySQL's ALGORITHM=INPLACE forces a rebuild
     * of an instant-capable change; MariaDB's is an upper bound).
     */
    private static Clause asserting(Prediction p, DdlEffect e) {
        for (Clause c : List.of(Clause.of(e.algorithm(), e.lock()), Clause.of(e.algorithm(), null))) {
            if (p.outcome(c) instanceof Outcome.Runs r && r.algorithm() == e.algorithm() && r.rebuild() == e.rebuild()) return c;
        }
        return null;
    }

    private static String fix(MySqlOperation op, String clause) {
        String why = "-- state the cost you accept; a server that cannot honour it refuses (error 1846) instead of copying:\n";
        if (op instanceof MySqlOperation.CreateIndex ci) {
            return why + "CREATE INDEX " + MySqlRemedies.quote(ci.index().name()) + " ON " + MySqlRemedies.quote(ci.table())
                    + " (…) " + clause.replace(",", "") + ";";
        }
        return why + "ALTER TABLE " + MySqlRemedies.quote(((MySqlOperation.AlterTable) op).table()) + " …, " + clause + ";";
    }

    /** Sub-commands that take no ALGORITHM clause or cost nothing either way are not worth asserting. */
    private static boolean changesStructure(MySqlOperation.AlterTable at) {
        for (AlterAction a : at.actions()) {
            if (!(a instanceof AlterAction.RenameTable || a instanceof AlterAction.Partition)) return true;
        }
        return false;
    }
}
