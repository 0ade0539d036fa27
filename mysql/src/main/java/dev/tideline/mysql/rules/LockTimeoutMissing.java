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

/** Once per file: at the first statement on an existing table that waits for its metadata lock without a bound. */
@RuleInfo(id = "lock-timeout-missing", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        summary = "A DDL statement on an existing table with no lock_wait_timeout set before it: it may wait, and hold up every later query, for a year.")
public final class LockTimeoutMissing implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            if (s.lockWaitTimeoutSet() || Statements.boundsItsOwnWait(s.operations())) continue;
            TableName table = existingTable(s);
            if (table == null) continue;
            report.at(s, "waits for an exclusive metadata lock on " + table + " with " + file.version().display()
                            + "'s default lock_wait_timeout (" + days(file.version().defaultLockWaitTimeoutSeconds())
                            + "): behind one long transaction on the table it waits, and every later query on the table"
                            + " queues behind it",
                    MySqlRemedies.LOCK_WAIT_TIMEOUT + "  -- at the top of the migration\n"
                            + "-- and retry the migration when it fails with error 1205 (lock wait timeout exceeded)");
            return;
        }
    }

    private static TableName existingTable(MySqlStatement s) {
        for (MySqlOperation op : Statements.flatten(s.operations())) {
            if (!Statements.isSchemaChange(op) && !(op instanceof MySqlOperation.TableMaintenance)) continue;
            for (TableName t : Statements.lockedTables(op)) if (!s.isNew(t)) return t;
        }
        return null;
    }

    private static String days(int seconds) {
        int days = seconds / 86_400;
        return days >= 365 ? "one year" : days == 1 ? "one day" : days + " days";
    }
}
