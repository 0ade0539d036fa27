package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "drop-column", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "DROP COLUMN destroys data, and breaks the running release if it still selects or writes the column.")
public final class DropColumn implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, dev.tideline.analyzer.model.Operation.DropColumn.class)) {
            var d = h.operation();
            ctx.report(h.at(), h.op(), "dropping " + d.table() + "." + d.column()
                    + " deletes its data for good, and the running release fails if it still uses the column",
                    "Release N: stop reading and writing " + d.column() + " (and ignore it in ORMs that select every column).\n"
                            + "Release N+1:\n" + Fixes.LOCK_TIMEOUT + "\nALTER TABLE " + Quoting.table(d.table()) + " DROP COLUMN IF EXISTS " + Quoting.ident(d.column()) + ";");
        }
    }
}
