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

@RuleInfo(id = "lock-tables", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql", preview = true,
        summary = "LOCK TABLES in a migration: blocks other sessions until UNLOCK TABLES, and commits any open transaction.")
public final class LockTables implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (!(op instanceof MySqlOperation.LockTables lt)) continue;
                boolean allNew = lt.tables().stream().allMatch(t -> s.isNew(t.table()));
                if (allNew) continue;
                String what = lt.tables().stream().anyMatch(t -> t.mode().startsWith("WRITE"))
                        ? "reads and writes of the locked tables" : "writes to the locked tables";
                report.at(s, "LOCK TABLES blocks " + what + " by every other session until UNLOCK TABLES (or the"
                                + " connection ends), and commits the open transaction",
                        "-- dump tools write LOCK TABLES around their INSERTs; a migration does not need it:\n"
                                + "-- remove LOCK TABLES/UNLOCK TABLES, and batch large INSERTs in transactions of a few thousand rows");
            }
        }
    }
}
