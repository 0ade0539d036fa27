package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation.AddColumn;
import dev.tideline.analyzer.model.Operation.AddConstraint;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.GeneratedNames;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

@RuleInfo(id = "add-foreign-key-validating", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "A foreign key added without NOT VALID scans the table while blocking writes on both tables.")
public final class AddForeignKeyValidating implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, AddConstraint.class)) {
            ConstraintDef c = h.operation().constraint();
            if (c.kind() != ConstraintDef.Kind.FOREIGN_KEY || c.notValid()) continue;
            String fix = fix(h.operation().table(), c, c.columns());
            if (ctx.isChangelog()) {
                fix = "In the changelog: validate=\"false\" on addForeignKeyConstraint (YAML/JSON: validate: false), which"
                        + " Liquibase adds NOT VALID, then a later changeSet with an <sql> change that validates it:\n" + fix;
            }
            ctx.report(h.at(), h.op(), message(h.operation().table(), c), fix, TextFixes.notValid(ctx, h.at(),
                    h.operation().table(), c.name() != null ? c.name() : GeneratedNames.constraint(h.operation().table(), c)));
        }
        for (var h : Hit.onExisting(ctx, AddColumn.class)) {
            for (ConstraintDef c : h.operation().column().inlineConstraints()) {
                if (c.kind() != ConstraintDef.Kind.FOREIGN_KEY) continue;
                TableRef t = h.operation().table();
                ctx.report(h.at(), h.op(), message(t, c) + " (the new column is validated while ADD COLUMN holds ACCESS EXCLUSIVE)",
                        "ALTER TABLE " + Quoting.table(t) + " ADD COLUMN " + Quoting.ident(h.operation().column().name()) + " " + h.operation().column().type() + ";\n"
                                + fix(t, c, List.of(h.operation().column().name())));
            }
        }
    }

    private static String message(TableRef table, ConstraintDef c) {
        return "adding foreign key on " + table + " validates every row under SHARE ROW EXCLUSIVE locks on " + table
                + " and " + c.referencedTable() + ": writes to both tables wait for the scan";
    }

    private static String fix(TableRef table, ConstraintDef c, List<String> columns) {
        String name = Quoting.ident(c.name() != null ? c.name() : table.name() + "_" + String.join("_", columns) + "_fkey");
        String refCols = c.referencedColumns() == null || c.referencedColumns().isEmpty() ? ""
                : " (" + Fixes.cols(c.referencedColumns()) + ")";
        return "ALTER TABLE " + Quoting.table(table) + " ADD CONSTRAINT " + name + " FOREIGN KEY (" + Fixes.cols(columns)
                + ") REFERENCES " + Quoting.table(c.referencedTable()) + refCols + c.actionsSql() + " NOT VALID;\n"
                + "-- in a later transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue):\n"
                + "ALTER TABLE " + Quoting.table(table) + " VALIDATE CONSTRAINT " + name + ";";
    }
}
