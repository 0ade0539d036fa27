package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "prefer-text", category = Category.SCHEMA_DESIGN, severity = Severity.INFO,
        summary = "varchar(n) / char(n): raising the limit later needs a migration; text with a CHECK is easier to change.")
public final class PreferText implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (DeclaredColumn c : DeclaredColumn.all(ctx)) {
            if (!Types.isLengthLimitedText(c.type())) continue;
            ctx.report(c.at(), c.op(), c.qualified() + " is " + c.type() + ": the length limit is enforced by the type"
                    + (Types.base(c.type()).startsWith("char") ? " and char pads values with spaces" : "")
                    + "; lowering it later rewrites the table",
                    Quoting.ident(c.column()) + " text CHECK (char_length(" + Quoting.ident(c.column()) + ") <= <n>)  -- the CHECK can be replaced with NOT VALID + VALIDATE",
                    c.inCreateTable() ? TextFixes.columnType(ctx, c.at(), c.column(), "use text with a length CHECK",
                            (type, name, lower) -> !type.base().matches("varchar|character varying") || type.length() < 0 ? null
                                    : (lower ? "text check (char_length(" : "TEXT CHECK (CHAR_LENGTH(") + name + ") <= " + type.length() + ")")
                            : null);
        }
    }
}
