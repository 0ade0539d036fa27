package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Operation.AlterDomainAddConstraint;
import dev.tideline.analyzer.model.Operation.CreateDomain;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "add-domain-constraint", category = Category.LOCKING, severity = Severity.WARNING,
        summary = "A CHECK on a domain is verified against every column of every table that uses the domain.")
public final class AddDomainConstraint implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, AlterDomainAddConstraint.class)) {
            AlterDomainAddConstraint a = h.operation();
            if (a.notValid()) continue;
            ctx.report(h.at(), h.op(), "ALTER DOMAIN " + a.domain() + " ADD CONSTRAINT checks every row of every table with a "
                    + "column of this domain, blocking writes to those tables during the scan",
                    "ALTER DOMAIN " + a.domain() + " ADD CONSTRAINT " + (a.constraintName() == null ? "<name>" : a.constraintName())
                            + " CHECK (...) NOT VALID;\n-- later:\nALTER DOMAIN " + a.domain() + " VALIDATE CONSTRAINT "
                            + (a.constraintName() == null ? "<name>" : a.constraintName()) + ";");
        }
        for (var h : Hit.all(ctx, CreateDomain.class)) {
            CreateDomain d = h.operation();
            if (!d.hasCheck()) continue;
            ctx.report(h.at(), h.op(), "domain " + d.domain() + " carries a CHECK: changing it later re-checks every column"
                    + " that uses the domain, in every table, under lock",
                    "Prefer a plain " + d.baseType() + " column with a table CHECK constraint, which can be replaced with NOT VALID + VALIDATE:\n"
                            + "ALTER TABLE <table> ADD CONSTRAINT <name> CHECK (...) NOT VALID;");
        }
    }
}
