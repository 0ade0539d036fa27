package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "prefer-jsonb", category = Category.SCHEMA_DESIGN, severity = Severity.WARNING,
        summary = "json stores text re-parsed on every access and has no equality operator or GIN indexing; use jsonb.")
public final class PreferJsonb implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (DeclaredColumn c : DeclaredColumn.all(ctx)) {
            if (!Types.isJson(c.type())) continue;
            ctx.report(c.at(), c.op(), c.qualified() + " is json: it is re-parsed on every access, cannot be compared"
                    + " with = (so no DISTINCT or GROUP BY) and cannot be indexed with GIN",
                    Quoting.ident(c.column()) + " jsonb");
        }
    }
}
