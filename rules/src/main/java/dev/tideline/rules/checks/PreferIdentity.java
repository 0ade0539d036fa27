package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "prefer-identity", category = Category.SCHEMA_DESIGN, severity = Severity.INFO,
        summary = "serial columns own a loose sequence with its own permissions; identity columns are the standard form.")
public final class PreferIdentity implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (DeclaredColumn c : DeclaredColumn.all(ctx)) {
            if (!Types.isSerial(c.type())) continue;
            ctx.report(c.at(), c.op(), c.qualified() + " is " + c.type() + ": the sequence needs its own grants, is not"
                    + " copied by CREATE TABLE ... LIKE, and explicit inserts silently desynchronise it",
                    Quoting.ident(c.column()) + " bigint" + " GENERATED ALWAYS AS IDENTITY");
        }
    }
}
