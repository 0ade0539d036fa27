package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Operation.Dml;
import dev.tideline.analyzer.model.Operation.DmlKind;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "unbatched-backfill", category = Category.LOCKING, severity = Severity.WARNING,
        summary = "UPDATE or DELETE of a whole existing table in a migration: one long transaction locking every row.")
public final class UnbatchedBackfill implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, Dml.class)) {
            Dml d = h.operation();
            if (d.table() == null || d.hasWhere() || (d.kind() != DmlKind.UPDATE && d.kind() != DmlKind.DELETE)) continue;
            ctx.report(h.at(), h.op(), d.kind() + " of every row of " + d.table()
                    + " in one statement: each row stays locked against concurrent updates until the migration commits,"
                    + " and the table bloats", "-- batch by key range, one short transaction per batch (`tideline plan` generates it):\n"
                    + d.kind() + (d.kind() == DmlKind.UPDATE ? " " + d.table() + " SET ... " : " FROM " + d.table() + " ")
                    + "WHERE id >= :from AND id < :from + 10000;");
        }
    }
}
