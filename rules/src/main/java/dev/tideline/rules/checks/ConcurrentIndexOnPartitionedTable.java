package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.CreateIndex;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "concurrent-index-on-partitioned-table", category = Category.TRANSACTIONS, severity = Severity.ERROR,
        summary = "CREATE INDEX CONCURRENTLY on a partitioned table fails: PostgreSQL does not support it.")
public final class ConcurrentIndexOnPartitionedTable implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, CreateIndex.class)) {
            CreateIndex ci = h.operation();
            if (!ci.concurrently() || ci.only()) continue;
            if (!h.at().schema().table(ci.table()).map(t -> t.partitioned()).orElse(false)) continue;
            ctx.report(h.at(), h.op(), "CREATE INDEX CONCURRENTLY fails on partitioned table " + ci.table()
                    + ": build the index on each partition, then attach them",
                    "CREATE INDEX IF NOT EXISTS " + (ci.name() == null ? "<parent_idx>" : Quoting.ident(ci.name())) + " ON ONLY " + Quoting.table(ci.table())
                            + " (" + Fixes.cols(ci.columns()) + ");\n"
                            + "-- for each partition, outside a transaction:\n"
                            + "CREATE INDEX CONCURRENTLY IF NOT EXISTS <partition_idx> ON <partition> (" + Fixes.cols(ci.columns()) + ");\n"
                            + "ALTER INDEX " + (ci.name() == null ? "<parent_idx>" : Quoting.ident(ci.name())) + " ATTACH PARTITION <partition_idx>;");
        }
    }
}
