package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation.AddConstraint;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "set-not-null", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK proves it.")
public final class SetNotNull implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, dev.tideline.analyzer.model.Operation.SetNotNull.class)) {
            // The lock model knows when a validated CHECK (col IS NOT NULL) lets PostgreSQL skip the scan.
            if (h.effectKnown() && !h.op().effect().scan()) continue;
            String t = h.operation().table().toString();
            String col = h.operation().column();
            String check = Quoting.ident(h.operation().table().name() + "_" + col + "_not_null");
            String sqlTable = Quoting.table(h.operation().table());
            String sqlCol = Quoting.ident(col);
            ctx.report(h.at(), h.op(), "SET NOT NULL on " + t + "." + col
                    + " scans every row while holding ACCESS EXCLUSIVE: reads and writes wait for the scan",
                    "ALTER TABLE " + sqlTable + " ADD CONSTRAINT " + check + " CHECK (" + sqlCol + " IS NOT NULL) NOT VALID;\n"
                            + "-- in a later transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue):\n"
                            + "ALTER TABLE " + sqlTable + " VALIDATE CONSTRAINT " + check + ";\n"
                            + "-- then SET NOT NULL skips the scan (PostgreSQL 12+), and the CHECK can go:\n"
                            + "ALTER TABLE " + sqlTable + " ALTER COLUMN " + sqlCol + " SET NOT NULL;\n"
                            + "ALTER TABLE " + sqlTable + " DROP CONSTRAINT " + check + ";",
                    TextFixes.checkFirstNotNull(ctx, h.at(), h.operation().table(), col));
        }
        for (var h : Hit.onExisting(ctx, AddConstraint.class)) {
            ConstraintDef c = h.operation().constraint();
            if (c.kind() != ConstraintDef.Kind.NOT_NULL || c.notValid()) continue;
            String t = h.operation().table().toString();
            String name = Fixes.constraintName(c, h.operation().table(), "not_null");
            ctx.report(h.at(), h.op(), "adding a NOT NULL constraint on " + t
                    + " scans every row while holding ACCESS EXCLUSIVE: reads and writes wait for the scan",
                    "ALTER TABLE " + Quoting.table(h.operation().table()) + " ADD CONSTRAINT " + name + " NOT NULL " + Fixes.cols(c.columns()) + " NOT VALID;  -- PostgreSQL 18\n"
                            + "ALTER TABLE " + Quoting.table(h.operation().table()) + " VALIDATE CONSTRAINT " + name + ";  -- later transaction");
        }
    }
}
