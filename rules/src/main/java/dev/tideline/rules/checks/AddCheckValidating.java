package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation.AddConstraint;
import dev.tideline.analyzer.schema.GeneratedNames;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "add-check-validating", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "A CHECK constraint added without NOT VALID scans the whole table under an ACCESS EXCLUSIVE lock.")
public final class AddCheckValidating implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, AddConstraint.class)) {
            ConstraintDef c = h.operation().constraint();
            if (c.kind() != ConstraintDef.Kind.CHECK || c.notValid()) continue;
            String name = Fixes.constraintName(c, h.operation().table(), "check");
            ctx.report(h.at(), h.op(), "adding CHECK constraint on " + h.operation().table()
                    + " checks every row while holding ACCESS EXCLUSIVE: reads and writes wait for the scan",
                    "ALTER TABLE " + Quoting.table(h.operation().table()) + " ADD CONSTRAINT " + name + " CHECK ("
                            + (c.expression() == null ? "..." : c.expression()) + ") NOT VALID;\n"
                            + "-- in a later transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue):\n"
                            + "ALTER TABLE " + Quoting.table(h.operation().table()) + " VALIDATE CONSTRAINT " + name + ";",
                    TextFixes.notValid(ctx, h.at(), h.operation().table(),
                            c.name() != null ? c.name() : GeneratedNames.constraint(h.operation().table(), c)));
        }
    }
}
