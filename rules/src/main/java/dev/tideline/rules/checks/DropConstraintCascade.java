package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

@RuleInfo(id = "drop-constraint-cascade", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "DROP CONSTRAINT ... CASCADE also drops the foreign keys of other tables that reference the key, unlisted.")
public final class DropConstraintCascade implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, Operation.DropConstraint.class)) {
            var d = h.operation();
            if (!d.cascade()) continue;
            List<String> others = h.op().effect().locks().stream().filter(TableLock::referenced)
                    .filter(l -> !l.table().sameAs(d.table())).map(l -> l.table().toString()).distinct().toList();
            ctx.report(h.at(), h.op(), "dropping constraint " + d.name() + " of " + d.table() + " with CASCADE also drops "
                    + (others.isEmpty() ? "every foreign key that references it" : "the foreign keys of " + String.join(", ", others)
                    + " that reference it") + ": the references go unchecked from then on, and nothing says so",
                    "Drop the referencing foreign keys by name first (each is a deliberate change), then the constraint "
                            + "without CASCADE, which fails if anything still depends on it:\n"
                            + "ALTER TABLE referencing_table DROP CONSTRAINT referencing_table_fk;\n"
                            + "ALTER TABLE " + d.table() + " DROP CONSTRAINT " + d.name() + ";");
        }
    }
}
