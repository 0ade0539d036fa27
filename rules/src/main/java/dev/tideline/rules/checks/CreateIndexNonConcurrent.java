package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.CreateIndex;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "create-index-non-concurrent", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "CREATE INDEX without CONCURRENTLY on an existing table blocks writes for the whole build.")
public final class CreateIndexNonConcurrent implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, CreateIndex.class)) {
            CreateIndex ci = h.operation();
            if (ci.concurrently() || ci.only()) continue;
            boolean partitioned = h.at().schema().table(ci.table()).map(t -> t.partitioned()).orElse(false);
            String fix = partitioned
                    ? "CREATE INDEX ... ON ONLY " + Quoting.table(ci.table()) + " (...);  -- invalid parent index, instant\n"
                      + "-- then for each partition: CREATE INDEX CONCURRENTLY ... ON <partition> (...);\n"
                      + "-- and: ALTER INDEX <parent_index> ATTACH PARTITION <partition_index>;"
                    : Fixes.createIndexConcurrently(ci);
            ctx.report(h.at(), h.op(), "CREATE INDEX on existing table " + ci.table()
                    + " takes a SHARE lock" + (partitioned ? " on every partition" : "")
                    + ": INSERT, UPDATE and DELETE wait until the whole index is built", fix,
                    partitioned ? null : TextFixes.concurrently(ctx, h.at(), ci.name() != null));
        }
    }
}
