package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;

/** DROP TABLE and DROP SCHEMA have their own rules (drop-table, drop-schema); every other DROP … CASCADE is here. */
@RuleInfo(id = "drop-cascade", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "DROP ... CASCADE also drops every column, default, view, trigger or key that depends on the object, unlisted.")
public final class DropCascade implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (StatementUnit u : ctx.statements()) {
            for (AnalyzedOperation op : u.operations()) {
                String what = dropped(op.operation());
                if (what == null) continue;
                ctx.report(u, op, "DROP " + what + " CASCADE also drops whatever depends on it (columns of its types with "
                        + "their data, defaults, views, triggers, foreign keys) without naming any of it",
                        "Drop it without CASCADE (RESTRICT, the default): PostgreSQL then refuses and names what still "
                                + "depends on it. Remove those first, each on its own, once no release uses them:\n"
                                + "DROP " + what + ";");
            }
        }
    }

    /** "TYPE mood" for a DROP … CASCADE this rule covers, else null. */
    private static String dropped(Operation o) {
        if (o instanceof Operation.ObjectChange c && c.cascade()) {
            return c.objectType() + (c.name() == null ? "" : " " + c.name());
        }
        if (o instanceof Operation.DropIndex d && d.cascade()) {
            return "INDEX " + String.join(", ", d.indexes().stream().map(TableRef::toString).toList());
        }
        return null;
    }
}
