package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.Clause;
import dev.tideline.mysql.effects.DdlEffect;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.AlterClauses;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.TableName;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/**
 * Without ALGORITHM/LOCK the server picks the algorithm, and falls back to a table copy that blocks writes when the
 * change cannot run in place on this version; with them it refuses instead (error 1846), before touching the table.
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
                TableName table;
                AlterClauses clauses;
                if (op instanceof MySqlOperation.AlterTable at && changesStructure(at)) {
                    table = at.table();
                    clauses = at.clauses();
                } else if (op instanceof MySqlOperation.CreateIndex ci) {
                    table = ci.table();
                    clauses = ci.clauses();
                } else {
                    continue;
                }
                if (s.isNew(table) || !clauses.clause().isDefault() || clauses.online()) continue;
                Prediction p = s.predictions().get(i);
                // a predicted copy is table-copy's finding
                if (p.modelled() && p.effect().algorithm() == Algorithm.COPY) continue;
                Clause expected = p.modelled() && p.effect().algorithm() != null ? clause(p.effect(), file) : null;
                String sql = expected == null ? "ALGORITHM=INPLACE, LOCK=NONE" : expected.sql();
                report.at(s, "changes " + table + " without ALGORITHM=/LOCK=" + (expected == null ? ""
                                : " (" + file.version().display() + " runs it " + sql + ")") + ": on a server where it cannot"
                                + " run so, it silently copies the table, blocking writes, instead of refusing",
                        "-- state the cost you accept; a server that cannot honour it refuses (error 1846) instead of copying:\n"
                                + (op instanceof MySqlOperation.CreateIndex ? "CREATE INDEX … ON … " + sql.replace(",", "") + ";"
                                : "ALTER TABLE " + MySqlRemedies.quote(table) + " …, " + sql + ";"));
            }
        }
    }

    /** The clause that asserts the predicted effect: INSTANT alone (MySQL refuses a LOCK with it), else with LOCK. */
    private static Clause clause(DdlEffect e, MySqlFile file) {
        return e.algorithm() == Algorithm.INSTANT ? Clause.of(Algorithm.INSTANT, null) : Clause.of(e.algorithm(), e.lock());
    }

    /** Sub-commands that take no ALGORITHM clause or cost nothing either way are not worth asserting. */
    private static boolean changesStructure(MySqlOperation.AlterTable at) {
        for (AlterAction a : at.actions()) {
            if (!(a instanceof AlterAction.RenameTable || a instanceof AlterAction.Partition)) return true;
        }
        return false;
    }
}
