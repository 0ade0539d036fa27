package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.DdlKind;
import dev.tideline.mysql.lint.MySqlCosts;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.DefaultValue;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.Set;

/**
 * ADD COLUMN whose value the server computes for every existing row: an expression default ({@code DEFAULT (UUID())},
 * even {@code (3)}), a STORED generated column, an AUTO_INCREMENT column. None is instant; the cost is the model's.
 */
@RuleInfo(id = "add-column-computed", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "ADD COLUMN with an expression default, STORED generated or AUTO_INCREMENT: every existing row is rewritten, writes blocked.")
public final class AddColumnComputed implements MySqlRule {
    private static final Set<DdlKind> KINDS = Set.of(DdlKind.ADD_COLUMN_EXPRESSION_DEFAULT, DdlKind.ADD_COLUMN_STORED,
            DdlKind.ADD_COLUMN_AUTO_INCREMENT);

    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            if (p.prediction().kinds().stream().noneMatch(KINDS::contains)) continue;
            ColumnDefinition c = computed((MySqlOperation.AlterTable) p.operation());
            if (c == null) continue;
            String t = MySqlRemedies.quote(p.table());
            String col = MySqlRemedies.quote(c.name());
            String what;
            String fix;
            if (c.generated() == ColumnDefinition.Generated.STORED) {
                what = "adds STORED generated column " + c.name();
                fix = "-- a VIRTUAL column is computed when read and added instantly (index it if queries need it):\n"
                        + "ALTER TABLE " + t + " ADD COLUMN " + col + " " + c.type().sql() + " AS (…) VIRTUAL, ALGORITHM=INSTANT;";
            } else if (c.autoIncrement()) {
                what = "adds AUTO_INCREMENT column " + c.name() + " (replicas using statement-based binlogs may number"
                        + " the rows differently)";
                fix = "-- create the new table with the column, copy the rows with an online schema-change tool:\n"
                        + MySqlRemedies.onlineCopy(file.version(), p.table(), MySqlRemedies.subCommands(p.statement().statement().text()));
            } else {
                what = "adds column " + c.name() + " with expression default " + c.defaultValue().text()
                        + " (evaluated for every existing row)";
                fix = "-- add the column without the expression, set the default for new rows, backfill in batches:\n"
                        + "ALTER TABLE " + t + " ADD COLUMN " + col + " " + c.type().sql() + " NULL, ALGORITHM=INSTANT;\n"
                        + "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET DEFAULT " + c.defaultValue().text() + ";\n"
                        + "UPDATE " + t + " SET " + col + " = " + c.defaultValue().text() + " WHERE " + col
                        + " IS NULL AND id BETWEEN ? AND ?;  -- batch by primary key";
            }
            report.at(p.statement(), what + " on " + p.table() + ": " + MySqlCosts.on(file.version(), p.effect()), fix);
        }
    }

    private static ColumnDefinition computed(MySqlOperation.AlterTable at) {
        for (AlterAction a : at.actions()) {
            if (!(a instanceof AlterAction.AddColumn add)) continue;
            ColumnDefinition c = add.column();
            boolean expression = c.defaultValue() != null && c.defaultValue().kind() == DefaultValue.Kind.EXPRESSION;
            if (c.generated() == ColumnDefinition.Generated.STORED || c.autoIncrement() || expression) return c;
        }
        return null;
    }
}
