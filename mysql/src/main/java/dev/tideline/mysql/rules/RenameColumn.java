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

@RuleInfo(id = "rename-column", category = Category.COMPATIBILITY, severity = Severity.ERROR, dialects = "mysql",
        summary = "Renaming a column breaks the running release, which still uses the old name.")
public final class RenameColumn implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (var r : Statements.alterActions(file, AlterAction.class)) {
            if (r.action() instanceof AlterAction.RenameColumn rc) report(report, r.statement(), r.table(), rc.from(), rc.to());
            if (r.action() instanceof AlterAction.ChangeColumn c && !c.oldName().equalsIgnoreCase(c.column().name())) {
                report(report, r.statement(), r.table(), c.oldName(), c.column().name());
            }
        }
    }

    private static void report(Report report, MySqlStatement s, TableName table, String from, String to) {
        String t = MySqlRemedies.quote(table);
        report.at(s, "renames column " + table + "." + from + " to " + to + "; the running release still uses " + from
                        + " and fails until the new release is deployed",
                "-- expand: add the new column, write both from the application, backfill in batches;\n"
                        + "ALTER TABLE " + t + " ADD COLUMN " + MySqlRemedies.quote(to) + " <type>, ALGORITHM=INSTANT;\n"
                        + "-- contract, once no release reads " + from + ":\n"
                        + "ALTER TABLE " + t + " DROP COLUMN " + MySqlRemedies.quote(from) + ", ALGORITHM=INSTANT;");
    }
}
