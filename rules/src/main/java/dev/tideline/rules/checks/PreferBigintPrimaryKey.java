package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.schema.ColumnModel;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.List;

@RuleInfo(id = "prefer-bigint-primary-key", category = Category.SCHEMA_DESIGN, severity = Severity.WARNING,
        summary = "A 32-bit (or 16-bit) primary key runs out; widening it later rewrites the table and every foreign key.")
public final class PreferBigintPrimaryKey implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (StatementUnit u : ctx.statements()) {
            for (AnalyzedOperation op : u.operations()) {
                Operation o = op.operation();
                if (o instanceof Operation.CreateTable c && !c.temporary()) {
                    for (ColumnDef col : c.columns()) {
                        boolean pk = col.inlineConstraints().stream().anyMatch(k -> k.kind() == ConstraintDef.Kind.PRIMARY_KEY)
                                || c.constraints().stream().anyMatch(k -> k.kind() == ConstraintDef.Kind.PRIMARY_KEY
                                && k.columns().size() == 1 && k.columns().get(0).equalsIgnoreCase(col.name()));
                        if (pk) flag(ctx, u, op, c.table() + "." + col.name(), col.type(), col.name());
                    }
                } else if (o instanceof Operation.AddColumn a) {
                    ColumnDef col = a.column();
                    if (col.inlineConstraints().stream().anyMatch(k -> k.kind() == ConstraintDef.Kind.PRIMARY_KEY)) {
                        flag(ctx, u, op, a.table() + "." + col.name(), col.type(), col.name());
                    }
                } else if (o instanceof Operation.AddConstraint a && a.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY
                        && a.constraint().columns().size() == 1) {
                    String name = a.constraint().columns().get(0);
                    List<ColumnModel> cols = u.schema().table(a.table()).map(t -> List.copyOf(t.columns().values())).orElse(List.of());
                    for (ColumnModel cm : cols) {
                        if (cm.name().equalsIgnoreCase(name)) flag(ctx, u, op, a.table() + "." + cm.name(), cm.type(), null);
                    }
                }
            }
        }
    }

    /** @param declared the column when this statement declares it (its type can be edited here), else null */
    private static void flag(RuleContext ctx, StatementUnit u, AnalyzedOperation op, String column, String type, String declared) {
        if (!Types.isSmallInteger(type)) return;
        ctx.report(u, op, "primary key " + column + " is " + type + ": it runs out at "
                + (Types.base(type).matches("smallint|int2|smallserial|serial2") ? "32,767" : "2,147,483,647")
                + " rows, and widening it later rewrites the table and every referencing table",
                column.substring(column.lastIndexOf('.') + 1) + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                declared == null ? null : TextFixes.columnType(ctx, u, declared, "use a 64-bit key",
                        (t, name, lower) -> Types.widened(t.base()) == null ? null
                                : lower ? Types.widened(t.base()) : Types.widened(t.base()).toUpperCase(java.util.Locale.ROOT)));
    }
}
