package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.TableName;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

@RuleInfo(id = "rename-table", category = Category.COMPATIBILITY, severity = Severity.ERROR, dialects = "mysql",
        summary = "Renaming a table breaks the running release, which still uses the old name.")
public final class RenameTable implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        List<MySqlStatement> statements = file.statements();
        for (int i = 0; i < statements.size(); i++) {
            MySqlStatement s = statements.get(i);
            MySqlStatement next = i + 1 < statements.size() ? statements.get(i + 1) : null;
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (op instanceof MySqlOperation.RenameTables rt) {
                    for (MySqlOperation.RenameTables.Rename r : rt.renames()) {
                        if (!s.isNew(r.from()) && !viewTakesOldName(next, r.from())) report(report, s, r.from(), r.to());
                    }
                }
                if (op instanceof MySqlOperation.AlterTable at && !s.isNew(at.table())) {
                    for (AlterAction a : at.actions()) {
                        if (a instanceof AlterAction.RenameTable r && !viewTakesOldName(next, at.table())) {
                            report(report, s, at.table(), r.to());
                        }
                    }
                }
            }
        }
    }

    /** The safe form: the next statement creates a view under the old name, so the running release keeps working. */
    private static boolean viewTakesOldName(MySqlStatement next, TableName old) {
        if (next == null) return false;
        for (MySqlOperation op : next.operations()) {
            if (op instanceof MySqlOperation.OtherDdl d && d.command().startsWith("CREATE") && d.command().endsWith("VIEW")) {
                String name = d.name().replace("`", "");
                String last = name.substring(name.lastIndexOf('.') + 1);
                if (last.equalsIgnoreCase(old.name())) return true;
            }
        }
        return false;
    }

    private static void report(Report report, MySqlStatement s, TableName from, TableName to) {
        report.at(s, "renames table " + from + " to " + to + "; the running release still queries " + from
                        + " and fails until the new release is deployed",
                "-- keep the old name working while both releases run (a view over one table is updatable):\n"
                        + "RENAME TABLE " + MySqlRemedies.quote(from) + " TO " + MySqlRemedies.quote(to) + ";\n"
                        + "CREATE VIEW " + MySqlRemedies.quote(from) + " AS SELECT * FROM " + MySqlRemedies.quote(to) + ";\n"
                        + "-- in a later release, once nothing uses the old name: DROP VIEW " + MySqlRemedies.quote(from) + ";");
    }
}
