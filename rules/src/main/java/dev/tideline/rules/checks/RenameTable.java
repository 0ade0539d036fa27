package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.List;

@RuleInfo(id = "rename-table", category = Category.COMPATIBILITY, severity = Severity.ERROR,
        summary = "Renaming a table breaks the running release, which still uses the old name.")
public final class RenameTable implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, Operation.RenameTable.class)) {
            var r = h.operation();
            if (compatibilityViewFollows(ctx, h.at(), r.table())) continue;
            ctx.report(h.at(), h.op(), "renaming " + r.table() + " to " + r.newName()
                    + ": queries of the running release that use " + r.table().name() + " fail",
                    "Rename, and keep the old name working with an updatable view until no release uses it:\n"
                            + "BEGIN;\nALTER TABLE " + Quoting.table(r.table()) + " RENAME TO " + Quoting.ident(r.newName()) + ";\n"
                            + "CREATE VIEW " + Quoting.table(r.table()) + " AS SELECT * FROM "
                            + Quoting.table(new TableRef(r.table().schema(), r.newName())) + ";\nCOMMIT;\n"
                            + "-- in a later release:\nDROP VIEW " + Quoting.table(r.table()) + ";");
        }
    }

    /**
     * The safe form of a rename or move: in the same transaction, a view takes the old name, so the running release
     * keeps working.
     */
    static boolean compatibilityViewFollows(RuleContext ctx, StatementUnit rename, TableRef oldName) {
        if (!rename.tx().inTransaction()) return false;
        List<StatementUnit> units = ctx.statements();
        int at = 0;
        while (units.get(at) != rename) at++; // by identity, not the record's deep equals
        for (int i = at + 1; i < units.size(); i++) {
            StatementUnit u = units.get(i);
            if (!u.tx().inTransaction() || u.tx().blockId() != rename.tx().blockId()) return false;
            for (AnalyzedOperation op : u.operations()) {
                if (op.operation() instanceof Operation.ObjectChange c && c.verb().startsWith("CREATE")
                        && "VIEW".equals(c.objectType()) && oldName.sameAs(c.table())) return true;
            }
        }
        return false;
    }
}
