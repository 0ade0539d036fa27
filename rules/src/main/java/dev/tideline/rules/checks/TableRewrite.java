package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Operation.AlterTableStorage;
import dev.tideline.analyzer.model.Operation.Cluster;
import dev.tideline.analyzer.model.Operation.Vacuum;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.Set;

@RuleInfo(id = "table-rewrite", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED, SET TABLESPACE rewrite the table under ACCESS EXCLUSIVE.")
public final class TableRewrite implements Rule {
    private static final Set<String> REWRITING_ACTIONS = Set.of("SET LOGGED", "SET UNLOGGED", "SET TABLESPACE",
            "SET ACCESS METHOD", "SET EXPRESSION");
    private static final String FIX = "Use pg_repack or pg_squeeze to rebuild online, or run this in a maintenance window;\n"
            + "for a new storage setting, create a new table and move the rows over in batches.";

    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, Vacuum.class)) {
            if (!h.operation().full() || (h.operation().table() != null && h.op().onNewTable())) continue;
            ctx.report(h.at(), h.op(), "VACUUM FULL " + target(h.operation().table())
                    + " rewrites the table while holding ACCESS EXCLUSIVE: reads and writes wait until it finishes", FIX);
        }
        for (var h : Hit.all(ctx, Cluster.class)) {
            if (h.operation().table() != null && h.op().onNewTable()) continue;
            ctx.report(h.at(), h.op(), "CLUSTER " + target(h.operation().table())
                    + " rewrites and sorts the table while holding ACCESS EXCLUSIVE: reads and writes wait", FIX);
        }
        for (var h : Hit.onExisting(ctx, AlterTableStorage.class)) {
            String action = h.operation().action();
            if (!REWRITING_ACTIONS.contains(action) && !h.op().effect().rewrite()) continue;
            ctx.report(h.at(), h.op(), "ALTER TABLE " + h.operation().table() + " " + action
                    + " rewrites the table while holding ACCESS EXCLUSIVE: reads and writes wait until it finishes", FIX);
        }
    }

    private static String target(Object table) {
        return table == null ? "(every table)" : "on " + table;
    }
}
