package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleInfo(id = "drop-owned", category = Category.DESTRUCTIVE, severity = Severity.ERROR,
        summary = "DROP OWNED BY drops every table, view, sequence and function the role owns, with their data, unlisted.")
public final class DropOwned implements Rule {
    @Override
    public void check(RuleContext ctx) {
        Set<String> reassigned = new HashSet<>();
        for (StatementUnit u : ctx.statements()) {
            for (AnalyzedOperation op : u.operations()) {
                if (op.operation() instanceof Operation.ObjectChange c && "REASSIGN".equals(c.verb())) {
                    reassigned.addAll(List.of(c.name().split(",")));
                } else if (op.operation() instanceof Operation.DropOwned d && !reassigned.containsAll(d.roles())) {
                    String roles = String.join(", ", d.roles());
                    ctx.report(u, op, "DROP OWNED BY " + roles + " drops every table, view, sequence and function "
                            + roles + " owns in this database, with their data, without naming them",
                            "Give the role's objects to the role that owns the application's schema first; DROP OWNED then "
                                    + "only revokes the role's privileges:\nREASSIGN OWNED BY " + roles + " TO app_owner;\n"
                                    + "DROP OWNED BY " + roles + ";");
                }
            }
        }
    }
}
