package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

@RuleInfo(id = "drop-table", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "DROP TABLE destroys data, and breaks the running release if it still reads or writes the table.")
public final class DropTable implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, dev.tideline.analyzer.model.Operation.DropTable.class)) {
            List<TableRef> existing = h.operation().tables().stream().filter(t -> !h.at().schema().isNew(t)).toList();
            if (existing.isEmpty()) continue;
            ctx.report(h.at(), h.op(), "DROP TABLE " + String.join(", ", existing.stream().map(TableRef::toString).toList())
                    + " deletes its data for good, and queries of the running release fail",
                    "Release N: stop reading and writing the table. Release N+1 (after a backup or rename):\n"
                            + "ALTER TABLE " + Quoting.table(existing.get(0)) + " RENAME TO "
                            + Quoting.ident(existing.get(0).name() + "_deprecated") + ";  -- reversible\n"
                            + "DROP TABLE IF EXISTS " + Quoting.table(new TableRef(existing.get(0).schema(), existing.get(0).name() + "_deprecated"))
                            + ";  -- later still");
        }
    }
}
