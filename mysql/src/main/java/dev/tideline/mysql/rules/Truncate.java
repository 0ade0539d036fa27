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

@RuleInfo(id = "truncate", category = Category.DESTRUCTIVE, severity = Severity.ERROR, dialects = "mysql",
        summary = "TRUNCATE deletes every row, cannot be rolled back, and waits for an exclusive metadata lock.")
public final class Truncate implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (!(op instanceof MySqlOperation.Truncate t) || s.isNew(t.table())) continue;
                report.at(s, "empties table " + t.table() + ": TRUNCATE drops and re-creates it, commits at once (no"
                                + " ROLLBACK brings the rows back) and waits for an exclusive metadata lock",
                        "-- delete in batches instead, which can stop at any time and replicates row by row:\n"
                                + "DELETE FROM " + dev.tideline.mysql.lint.MySqlRemedies.quote(t.table())
                                + " WHERE <condition> LIMIT 5000;  -- repeat until no row is affected");
            }
        }
    }
}
