package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.TableName;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "drop-table", category = Category.DESTRUCTIVE, severity = Severity.ERROR, dialects = "mysql",
        summary = "DROP TABLE destroys data, and breaks the running release if it still reads or writes the table.")
public final class DropTable implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (!(op instanceof MySqlOperation.DropTable drop) || drop.temporary()) continue;
                for (TableName t : drop.tables()) {
                    if (s.isNew(t)) continue;
                    String q = MySqlRemedies.quote(t);
                    report.at(s, "drops table " + t + " and its data; the running release fails on its next query to it",
                            "-- release 1: stop using the table; keep it renamed so that it can come back in seconds\n"
                                    + "RENAME TABLE " + q + " TO " + MySqlRemedies.quote(t.name() + "_deprecated") + ";\n"
                                    + "-- release 2, after a backup: DROP TABLE " + MySqlRemedies.quote(t.name() + "_deprecated") + ";");
                }
            }
        }
    }
}
