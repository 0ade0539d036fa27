package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.Locale;

@RuleInfo(id = "set-schema", category = Category.COMPATIBILITY, severity = Severity.ERROR,
        summary = "Moving a table, view, type or function to another schema breaks the running release, like a rename.")
public final class SetSchema implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.onExisting(ctx, Operation.SetSchema.class)) {
            var m = h.operation();
            TableRef old = m.object();
            if (m.table() != null && RenameTable.compatibilityViewFollows(ctx, h.at(), old)) continue;
            String kind = m.objectType().toLowerCase(Locale.ROOT);
            TableRef moved = new TableRef(m.newSchema(), old.name());
            ctx.report(h.at(), h.op(), "moving " + kind + " " + old + " to schema " + m.newSchema()
                    + ": the running release still uses the name " + old + " (or finds it on its search_path), and fails",
                    m.table() != null
                            ? "Move it, and keep the old name working with a view until no release uses it:\n"
                            + "BEGIN;\nALTER " + m.objectType() + " " + old + " SET SCHEMA " + m.newSchema() + ";\n"
                            + "CREATE VIEW " + old + " AS SELECT * FROM " + moved + ";\nCOMMIT;\n"
                            + "-- in a later release: DROP VIEW " + old + ";"
                            : "Create the " + kind + " in the new schema beside the old one, switch the application to it in "
                            + "one release, and drop the old one in the next.");
        }
    }
}
