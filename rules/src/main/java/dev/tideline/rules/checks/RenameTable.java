package dev.tideline.rules.checks;

import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "rename-table", category = Category.COMPATIBILITY, severity = Severity.ERROR,
        summary = "Renaming a table breaks the running release, which still uses the old name.")
public final class RenameTable implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, dev.tideline.analyzer.model.Operation.RenameTable.class)) {
            var r = h.operation();
            ctx.report(h.at(), h.op(), "renaming " + r.table() + " to " + r.newName()
                    + ": queries of the running release that use " + r.table().name() + " fail",
                    "Rename, and keep the old name working with an updatable view until no release uses it:\n"
                            + "BEGIN;\nALTER TABLE " + r.table() + " RENAME TO " + r.newName() + ";\n"
                            + "CREATE VIEW " + r.table() + " AS SELECT * FROM " + r.newName() + ";\nCOMMIT;\n"
                            + "-- in a later release: DROP VIEW " + r.table() + ";");
        }
    }
}
