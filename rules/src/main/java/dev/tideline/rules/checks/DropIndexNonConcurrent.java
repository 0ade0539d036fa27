package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.DropIndex;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.IndexModel;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "drop-index-non-concurrent", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table: reads and writes wait.")
public final class DropIndexNonConcurrent implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, DropIndex.class)) {
            if (h.operation().concurrently()) continue;
            List<String> fixes = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            for (TableRef index : h.operation().indexes()) {
                IndexModel model = h.at().schema().index(index).orElse(null);
                // An index of a table created in this file or transaction harms no one.
                if (model != null && h.at().schema().isNew(model.table())) continue;
                fixes.add("DROP INDEX CONCURRENTLY IF EXISTS " + Quoting.table(index) + ";");
                tables.add(model == null ? "its table" : model.table().toString());
            }
            if (fixes.isEmpty()) continue;
            ctx.report(h.at(), h.op(), "DROP INDEX takes an ACCESS EXCLUSIVE lock on " + String.join(", ", tables)
                    + ": every read and write of the table waits, and queues behind any long query",
                    "-- outside a transaction (a non-transactional migration), one index per statement:\n"
                            + String.join("\n", fixes),
                    fixes.size() == 1 && h.operation().indexes().size() == 1 && !h.operation().cascade()
                            ? TextFixes.concurrently(ctx, h.at(), false) : null);
        }
    }
}
