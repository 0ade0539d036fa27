package dev.tideline.rules.checks;

import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "drop-schema", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "DROP SCHEMA ... CASCADE silently destroys every table, view and function in the schema.")
public final class DropSchema implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, dev.tideline.analyzer.model.Operation.DropSchema.class)) {
            var d = h.operation();
            // Without CASCADE (RESTRICT, the default) only an empty schema can go: the safe form.
            if (!d.cascade()) continue;
            ctx.report(h.at(), h.op(), "DROP SCHEMA " + String.join(", ", d.schemas()) + " CASCADE deletes the schema and every table, view and function in it, with their data",
                    "Drop the objects one by one in a later release, once nothing uses them; never CASCADE in a migration:\n"
                            + "DROP SCHEMA IF EXISTS " + d.schemas().get(0) + " RESTRICT;");
        }
    }
}
