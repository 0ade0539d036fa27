package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.Reindex;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "reindex-non-concurrent", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "REINDEX without CONCURRENTLY blocks writes to the table and nearly all queries using the index.")
public final class ReindexNonConcurrent implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, Reindex.class)) {
            Reindex r = h.operation();
            if (r.concurrently() || h.op().onNewTable()) continue;
            boolean system = "SYSTEM".equalsIgnoreCase(r.target());
            ctx.report(h.at(), h.op(), "REINDEX " + r.target() + " " + (r.name() == null ? "" : r.name() + " ")
                    + "takes a SHARE lock on the table (writes wait) and an ACCESS EXCLUSIVE lock on each index "
                    + "(queries that would use it wait)",
                    system ? "REINDEX SYSTEM has no CONCURRENTLY form: run it in a maintenance window, not a migration."
                            : "-- outside a transaction:\nREINDEX " + r.target() + " CONCURRENTLY "
                            + (r.name() == null ? "" : Quoting.table(r.name())) + ";");
        }
    }
}
