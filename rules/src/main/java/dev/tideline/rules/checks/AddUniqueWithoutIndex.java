package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation.AddColumn;
import dev.tideline.analyzer.model.Operation.AddConstraint;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

@RuleInfo(id = "add-unique-without-index", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "ADD UNIQUE / PRIMARY KEY without USING INDEX builds the index under an ACCESS EXCLUSIVE lock.")
public final class AddUniqueWithoutIndex implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, AddConstraint.class)) {
            ConstraintDef c = h.operation().constraint();
            if (!isUniqueOrPk(c) || c.usingIndex() != null) continue;
            ctx.report(h.at(), h.op(), message(h.operation().table(), c), fix(h.operation().table(), c, c.columns()));
        }
        for (var h : Hit.onExisting(ctx, AddColumn.class)) {
            for (ConstraintDef c : h.operation().column().inlineConstraints()) {
                if (!isUniqueOrPk(c)) continue;
                List<String> cols = List.of(h.operation().column().name());
                ctx.report(h.at(), h.op(), message(h.operation().table(), c),
                        "ALTER TABLE " + Quoting.table(h.operation().table()) + " ADD COLUMN " + Quoting.ident(h.operation().column().name()) + " "
                                + h.operation().column().type() + ";\n" + fix(h.operation().table(), c, cols));
            }
        }
    }

    private static boolean isUniqueOrPk(ConstraintDef c) {
        return c.kind() == ConstraintDef.Kind.UNIQUE || c.kind() == ConstraintDef.Kind.PRIMARY_KEY;
    }

    private static String message(TableRef table, ConstraintDef c) {
        return "adding " + (c.kind() == ConstraintDef.Kind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE") + " on " + table
                + " builds its index while holding ACCESS EXCLUSIVE: reads and writes wait for the whole build";
    }

    private static String fix(TableRef table, ConstraintDef c, List<String> columns) {
        boolean pk = c.kind() == ConstraintDef.Kind.PRIMARY_KEY;
        String name = Fixes.constraintName(c, table, pk ? "pkey" : "key");
        return "-- outside a transaction:\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + Quoting.table(table)
                + " (" + Fixes.cols(columns) + ");\n"
                + "ALTER TABLE " + Quoting.table(table) + " ADD CONSTRAINT " + name + (pk ? " PRIMARY KEY" : " UNIQUE")
                + " USING INDEX " + name + ";";
    }
}
