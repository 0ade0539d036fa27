package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.Operation.AddColumn;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "add-column-required", category = Category.COMPATIBILITY, severity = Severity.ERROR,
        summary = "ADD COLUMN ... NOT NULL without a default fails on a non-empty table and breaks the running release's inserts.")
public final class AddColumnRequired implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, AddColumn.class)) {
            ColumnDef c = h.operation().column();
            if (!c.notNull() || c.hasDefault() || c.isSerial() || c.generated() != ColumnDef.Generated.NONE) continue;
            String t = h.operation().table().toString();
            ctx.report(h.at(), h.op(), "adding NOT NULL column " + c.name() + " to " + t
                    + " without a default: it fails if the table has rows, and inserts of the running release fail",
                    "ALTER TABLE " + Quoting.table(h.operation().table()) + " ADD COLUMN " + Quoting.ident(c.name()) + " " + c.type() + " NOT NULL DEFAULT <value>;  -- instant since PostgreSQL 11\n"
                            + "-- or add it nullable, backfill in batches, then SET NOT NULL via a validated CHECK (see set-not-null)");
        }
    }
}
