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

@RuleInfo(id = "unbatched-backfill", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        summary = "UPDATE or DELETE of a whole existing table in a migration: one long transaction locking every row.")
public final class UnbatchedBackfill implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (!(op instanceof MySqlOperation.Dml dml) || dml.whereClause()) continue;
                if (!dml.command().equals("UPDATE") && !dml.command().equals("DELETE")) continue;
                TableName t = dml.tables().get(0);
                if (s.isNew(t)) continue;
                report.at(s, dml.command() + " of every row of " + t + " in one statement: InnoDB locks each row until it"
                                + " commits, the undo log grows with the table and replicas lag behind by its whole duration",
                        "-- batch by primary key, committing each batch (from the application or a loop):\n"
                                + dml.command() + (dml.command().equals("DELETE") ? " FROM " : " ") + MySqlRemedies.quote(t)
                                + (dml.command().equals("DELETE") ? "" : " SET …")
                                + " WHERE id > ? ORDER BY id LIMIT 5000;  -- repeat with the last id until no row is affected");
            }
        }
    }
}
