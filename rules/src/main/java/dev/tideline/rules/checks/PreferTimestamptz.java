package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "prefer-timestamptz", category = Category.SCHEMA_DESIGN, severity = Severity.WARNING,
        summary = "timestamp without time zone stores wall-clock times whose meaning depends on the session's zone.")
public final class PreferTimestamptz implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (DeclaredColumn c : DeclaredColumn.all(ctx)) {
            if (!Types.isTimestampWithoutZone(c.type())) continue;
            ctx.report(c.at(), c.op(), c.qualified() + " is " + c.type()
                    + ": values carry no time zone, so clients in different zones read and write different instants",
                    "Use timestamptz (timestamp with time zone): " + Quoting.ident(c.column()) + " timestamptz",
                    c.isNew() ? TextFixes.columnType(ctx, c.at(), c.column(), "use timestamptz",
                            (type, name, lower) -> (lower ? "timestamptz" : "TIMESTAMPTZ") + type.modifier()) : null);
        }
    }
}
