package dev.tideline.rules.checks;

import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "drop-database", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "DROP DATABASE in a migration deletes a whole database.")
public final class DropDatabase implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, dev.tideline.analyzer.model.Operation.DropDatabase.class)) {
            ctx.report(h.at(), h.op(), "DROP DATABASE " + h.operation().database() + " deletes the whole database",
                    "Drop databases by hand or in provisioning code, never in an application migration.");
        }
    }
}
