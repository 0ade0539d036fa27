package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "drop-column", category = Category.DESTRUCTIVE, severity = Severity.ERROR, dialects = "mysql",
        summary = "DROP COLUMN destroys data, and breaks the running release if it still selects or writes the column.")
public final class DropColumn implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (var drop : Statements.alterActions(file, AlterAction.DropColumn.class)) {
            String name = drop.action().name();
            report.at(drop.statement(), "drops column " + drop.table() + "." + name + " and its data; the running release"
                            + " fails on queries that name it (an ORM that lists every column fails on all of them)",
                    "-- release 1: stop reading and writing the column (ORMs: mark it ignored), deploy;\n"
                            + "-- release 2: ALTER TABLE " + MySqlRemedies.quote(drop.table()) + " DROP COLUMN "
                            + MySqlRemedies.quote(name) + (file.version().supportsInstantDropColumn() ? ", ALGORITHM=INSTANT;"
                            : ", ALGORITHM=INPLACE, LOCK=NONE;"));
        }
    }
}
