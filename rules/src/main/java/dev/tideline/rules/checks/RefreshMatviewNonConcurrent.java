package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.RefreshMaterializedView;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "refresh-matview-non-concurrent", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view while it rebuilds.")
public final class RefreshMatviewNonConcurrent implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, RefreshMaterializedView.class)) {
            RefreshMaterializedView r = h.operation();
            if (r.concurrently()) continue;
            ctx.report(h.at(), h.op(), "REFRESH MATERIALIZED VIEW " + r.table()
                    + " holds ACCESS EXCLUSIVE on the view while it rebuilds: every SELECT of it waits",
                    "-- needs a UNIQUE index on plain columns of the view, and the view already populated:\n"
                            + "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + Quoting.ident(r.table().name() + "_key")
                            + " ON " + Quoting.table(r.table()) + " (id);\n"
                            + "REFRESH MATERIALIZED VIEW CONCURRENTLY " + Quoting.table(r.table()) + ";");
        }
    }
}
