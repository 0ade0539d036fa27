package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.AlterColumnType;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "column-type-rewrite", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "ALTER COLUMN TYPE that rewrites or re-checks the table holds an ACCESS EXCLUSIVE lock throughout.")
public final class ColumnTypeRewrite implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, AlterColumnType.class)) {
            AlterColumnType a = h.operation();
            // Binary-coercible changes (varchar(n) to a larger n or text, numeric precision increases, timestamp ↔
            // timestamptz under a UTC session) are catalog-only: the lock model knows them from the schema model and
            // the file's SET TimeZone, and reports neither rewrite nor scan.
            if (h.effectKnown() && !h.op().effect().rewrite() && !h.op().effect().scan()) continue;
            boolean rewrite = !h.effectKnown() || h.op().effect().rewrite();
            String t = a.table().toString();
            ctx.report(h.at(), h.op(), "changing " + t + "." + a.column() + " to " + a.newType()
                    + (rewrite ? " rewrites the table and its indexes" : " re-checks every row")
                    + " while holding ACCESS EXCLUSIVE: reads and writes wait until it finishes",
                    "-- expand/contract instead (see `tideline plan`):\n"
                            + "ALTER TABLE " + Quoting.table(a.table()) + " ADD COLUMN " + Quoting.ident(a.column() + "_new") + " " + a.newType() + ";\n"
                            + "-- sync new writes with a trigger, backfill in batches, switch readers, then drop the old column");
        }
    }
}
