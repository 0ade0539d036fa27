package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation.AddConstraint;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "add-exclusion-constraint", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "ADD EXCLUDE on an existing table builds its index under an ACCESS EXCLUSIVE lock; it has no online form.")
public final class AddExclusionConstraint implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, AddConstraint.class)) {
            if (h.operation().constraint().kind() != ConstraintDef.Kind.EXCLUDE) continue;
            ctx.report(h.at(), h.op(), "adding an exclusion constraint on " + h.operation().table()
                    + " builds its index and checks every row while holding ACCESS EXCLUSIVE: reads and writes wait",
                    "-- No NOT VALID or USING INDEX form exists. Either create a new table with the constraint and move the\n"
                            + "-- rows over in batches, or run it in a maintenance window with a lock_timeout:\n"
                            + Fixes.LOCK_TIMEOUT + "\nALTER TABLE " + Quoting.table(h.operation().table()) + " ADD CONSTRAINT ... EXCLUDE USING gist (...);");
        }
    }
}
