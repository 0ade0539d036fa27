package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "drop-not-null", category = Category.COMPATIBILITY, severity = Severity.WARNING,
        summary = "DROP NOT NULL lets NULLs in that readers of the running release may not expect.")
public final class DropNotNull implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, dev.tideline.analyzer.model.Operation.DropNotNull.class)) {
            var d = h.operation();
            ctx.report(h.at(), h.op(), "dropping NOT NULL on " + d.table() + "." + d.column()
                    + ": code of the running release that assumes a value may fail on NULLs written by the new one",
                    "First ship readers that handle NULL in " + d.column() + ", then:\n"
                            + "ALTER TABLE " + Quoting.table(d.table()) + " ALTER COLUMN " + Quoting.ident(d.column()) + " DROP NOT NULL;");
        }
    }
}
