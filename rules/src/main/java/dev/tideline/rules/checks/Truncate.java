package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

@RuleInfo(id = "truncate", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "TRUNCATE deletes every row, under an ACCESS EXCLUSIVE lock, and is not MVCC-safe.")
public final class Truncate implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, dev.tideline.analyzer.model.Operation.Truncate.class)) {
            List<TableRef> existing = h.operation().tables().stream().filter(t -> !h.at().schema().isNew(t)).toList();
            if (existing.isEmpty()) continue;
            ctx.report(h.at(), h.op(), "TRUNCATE " + String.join(", ", existing.stream().map(TableRef::toString).toList())
                    + (h.operation().cascade() ? " CASCADE" : "") + " deletes every row"
                    + (h.operation().cascade() ? " (and of every table referencing it)" : "")
                    + " under ACCESS EXCLUSIVE; concurrent transactions may see the table empty",
                    "Delete only the rows you mean to, in batches:\nDELETE FROM " + existing.get(0) + " WHERE id >= :from AND id < :from + 10000;");
        }
    }
}
