package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "rename-column", category = Category.COMPATIBILITY, severity = Severity.ERROR,
        summary = "Renaming a column breaks the running release, which still uses the old name.")
public final class RenameColumn implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, dev.tideline.analyzer.model.Operation.RenameColumn.class)) {
            var r = h.operation();
            ctx.report(h.at(), h.op(), "renaming " + r.table() + "." + r.from() + " to " + r.to()
                    + ": queries of the running release that use " + r.from() + " fail until it is replaced",
                    "Expand/contract (see `tideline plan`): add " + r.to() + ", write both columns, backfill, switch readers,\n"
                            + "then drop " + r.from() + " in a later release:\n"
                            + "ALTER TABLE " + Quoting.table(r.table()) + " ADD COLUMN " + Quoting.ident(r.to()) + " <type>;");
        }
    }
}
