package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/**
 * MySQL does not refuse a NOT NULL column without a default on a table with rows, as PostgreSQL does: it fills the
 * existing rows with the type's implicit default, and only the running release's inserts fail.
 */
@RuleInfo(id = "add-column-required", category = Category.COMPATIBILITY, severity = Severity.ERROR, dialects = "mysql",
        summary = "ADD COLUMN ... NOT NULL without a default fails on a non-empty table and breaks the running release's inserts.")
public final class AddColumnRequired implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (var add : Statements.alterActions(file, AlterAction.AddColumn.class)) {
            ColumnDefinition c = add.action().column();
            if (!Boolean.FALSE.equals(c.nullable()) || c.defaultValue() != null || c.autoIncrement()
                    || c.generated() != null) continue;
            report.at(add.statement(), "adds NOT NULL column " + c.name() + " to " + add.table() + " without a default:"
                            + " existing rows silently get the type's implicit value (0, '' or a zero date), and the running"
                            + " release's INSERTs, which do not name it, fail in strict sql_mode",
                    "ALTER TABLE " + MySqlRemedies.quote(add.table()) + " ADD COLUMN " + MySqlRemedies.quote(c.name())
                            + " " + c.type().sql() + " NOT NULL DEFAULT <value>, ALGORITHM=INSTANT;");
        }
    }
}
