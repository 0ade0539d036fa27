package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every DDL commits on its own: a migration of several fails half applied, and the runner's record of it (failed)
 * must be repaired by hand before the fixed migration can run. Statements guarded by IF [NOT] EXISTS run again
 * harmlessly and do not count.
 */
@RuleInfo(id = "non-atomic-migration", category = Category.TRANSACTIONS, severity = Severity.WARNING,
        dialects = "mysql", preview = true,
        summary = "Several DDL statements, or DDL and data changes, in one migration: each commits on its own, so a failure leaves it half applied.")
public final class NonAtomicMigration implements MySqlRule {
    private static final Pattern RERUNNABLE = Pattern.compile("(?i)^\\s*INSERT\\s+IGNORE\\b|\\bON\\s+DUPLICATE\\s+KEY\\s+UPDATE\\b");

    @Override
    public void check(MySqlFile file, Report report) {
        for (List<MySqlStatement> unit : file.units()) {
            MySqlStatement first = null;
            int ddl = 0;
            int dml = 0;
            MySqlStatement second = null;
            for (MySqlStatement s : unit) {
                boolean schema = changesSchemaUnguarded(s);
                if (!schema && !changesDataUnguarded(s)) continue;
                if (schema) ddl++;
                else dml++;
                if (first == null) first = s;
                else if (second == null) second = s;
            }
            if (second == null || ddl == 0) continue;
            report.at(second, "this migration runs " + ddl + " DDL statement" + (ddl == 1 ? "" : "s")
                            + (dml == 0 ? "" : " and " + dml + " data change" + (dml == 1 ? "" : "s"))
                            + " that each commit on their own (the first at line " + first.line() + "): if this one fails,"
                            + " the earlier ones stay applied and the migration cannot simply run again",
                    "-- one DDL statement per migration; or make every statement safe to run again:\n"
                            + "CREATE TABLE IF NOT EXISTS …;  DROP TABLE IF EXISTS …;\n"
                            + "-- (MariaDB: ALTER TABLE t ADD COLUMN IF NOT EXISTS …, DROP INDEX IF EXISTS …)");
        }
    }

    /** INSERT/UPDATE/DELETE that a rerun would repeat (INSERT IGNORE, ON DUPLICATE KEY UPDATE, REPLACE run again harmlessly). */
    private static boolean changesDataUnguarded(MySqlStatement s) {
        if (s.called() || RERUNNABLE.matcher(s.statement().text()).find()) return false;
        return Statements.flatten(s.operations()).stream().anyMatch(op -> op instanceof MySqlOperation.Dml d
                && !d.command().equals("REPLACE"));
    }

    private static boolean changesSchemaUnguarded(MySqlStatement s) {
        for (MySqlOperation op : Statements.flatten(s.operations())) {
            if (Statements.isSchemaChange(op) && !Statements.idempotent(op)) return true;
        }
        return false;
    }
}
