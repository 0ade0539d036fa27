package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.Operation.AddColumn;
import dev.tideline.analyzer.model.Volatility;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "add-column-rewrite", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "ADD COLUMN with a volatile default, serial, identity or stored generated column rewrites the table.")
public final class AddColumnRewrite implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, AddColumn.class)) {
            ColumnDef c = h.operation().column();
            String why = reason(c);
            if (why == null && h.op().effect().rewrite()) why = "its default";
            if (why == null) continue;
            String t = h.operation().table().toString();
            String sqlTable = Quoting.table(h.operation().table());
            ctx.report(h.at(), h.op(), "adding column " + c.name() + " to " + t + " with " + why
                    + " rewrites the whole table and its indexes while holding ACCESS EXCLUSIVE: reads and writes wait",
                    "ALTER TABLE " + sqlTable + " ADD COLUMN " + Quoting.ident(c.name()) + " " + baseType(c) + ";  -- catalog-only\n"
                            + "-- set the default for new rows (catalog-only), then fill old rows in batches:\n"
                            + "ALTER TABLE " + sqlTable + " ALTER COLUMN " + Quoting.ident(c.name()) + " SET DEFAULT "
                            + (c.defaultExpr() != null ? c.defaultExpr() : "...") + ";");
        }
    }

    private static String reason(ColumnDef c) {
        if (c.generated() == ColumnDef.Generated.IDENTITY) return "GENERATED ... AS IDENTITY";
        if (c.generated() == ColumnDef.Generated.STORED) return "GENERATED ... STORED";
        if (c.isSerial()) return "type " + c.type() + " (a nextval() default)";
        if (c.hasDefault() && c.defaultVolatility() == Volatility.VOLATILE) {
            return "volatile default " + c.defaultExpr();
        }
        return null;
    }

    private static String baseType(ColumnDef c) {
        return switch (Types.base(c.type())) {
            case "serial", "serial4" -> "integer";
            case "bigserial", "serial8" -> "bigint";
            case "smallserial", "serial2" -> "smallint";
            default -> c.type();
        };
    }
}
