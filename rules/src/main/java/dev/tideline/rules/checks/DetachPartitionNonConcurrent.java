package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.DetachPartition;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "detach-partition-non-concurrent", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the partitioned table.")
public final class DetachPartitionNonConcurrent implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, DetachPartition.class)) {
            DetachPartition d = h.operation();
            if (d.concurrently() || d.finalizeDetach()) continue;
            boolean available = ctx.analysis().version().atLeast(14);
            ctx.report(h.at(), h.op(), "DETACH PARTITION holds ACCESS EXCLUSIVE on " + d.table() + " and " + d.partition()
                    + ": every read and write of the whole partitioned table waits",
                    available
                            ? "-- PostgreSQL 14+, outside a transaction, with no DEFAULT partition:\nALTER TABLE " + Quoting.table(d.table())
                              + " DETACH PARTITION " + Quoting.table(d.partition()) + " CONCURRENTLY;"
                            : "DETACH PARTITION CONCURRENTLY needs PostgreSQL 14; before that, set a short lock_timeout and retry:\n"
                              + Fixes.LOCK_TIMEOUT + "\nALTER TABLE " + Quoting.table(d.table()) + " DETACH PARTITION " + Quoting.table(d.partition()) + ";");
        }
    }
}
