package dev.tideline.rules.checks;

import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "drop-schema", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "DROP SCHEMA destroys every object in the schema (with CASCADE, silently).")
public final class DropSchema implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, dev.tideline.analyzer.model.Operation.DropSchema.class)) {
            var d = h.operation();
            ctx.report(h.at(), h.op(), "DROP SCHEMA " + String.join(", ", d.schemas()) + (d.cascade() ? " CASCADE" : "")
                    + " deletes the schema" + (d.cascade() ? " and every table, view and function in it" : ""),
                    "Drop the objects one by one in a later release, once nothing uses them; never CASCADE in a migration:\n"
                            + "DROP SCHEMA IF EXISTS " + d.schemas().get(0) + " RESTRICT;");
        }
    }
}
