package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@RuleInfo(id = "identifier-too-long", category = Category.SCHEMA_DESIGN, severity = Severity.WARNING,
        summary = "An identifier longer than 63 bytes: PostgreSQL silently truncates it, so names can collide.")
public final class IdentifierTooLong implements Rule {
    static final int MAX_BYTES = 63;

    @Override
    public void check(RuleContext ctx) {
        for (StatementUnit u : ctx.statements()) {
            for (AnalyzedOperation op : u.operations()) {
                Set<String> tooLong = new LinkedHashSet<>();
                for (String name : names(op.operation())) {
                    if (name != null && name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) tooLong.add(name);
                }
                for (String name : tooLong) {
                    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
                    ctx.report(u, op, "identifier " + name + " is " + bytes + " bytes; PostgreSQL truncates it to "
                            + MAX_BYTES + " without an error, so a later migration naming it in full may hit another object",
                            "Choose a name of at most " + MAX_BYTES + " bytes.");
                }
            }
        }
    }

    private static List<String> names(Operation o) {
        List<String> n = new ArrayList<>();
        if (o instanceof Operation.CreateTable c) {
            n.add(c.table().name());
            for (ColumnDef col : c.columns()) {
                n.add(col.name());
                for (ConstraintDef k : col.inlineConstraints()) n.add(k.name());
            }
            for (ConstraintDef k : c.constraints()) n.add(k.name());
        } else if (o instanceof Operation.AddColumn a) {
            n.add(a.column().name());
            for (ConstraintDef k : a.column().inlineConstraints()) n.add(k.name());
        } else if (o instanceof Operation.AddConstraint a) {
            n.add(a.constraint().name());
        } else if (o instanceof Operation.CreateIndex c) {
            n.add(c.name());
        } else if (o instanceof Operation.RenameColumn r) {
            n.add(r.to());
        } else if (o instanceof Operation.RenameTable r) {
            n.add(r.newName());
        } else if (o instanceof Operation.RenameConstraint r) {
            n.add(r.to());
        } else if (o instanceof Operation.RenameIndex r) {
            n.add(r.newName());
        } else if (o instanceof Operation.CreateEnum e) {
            n.add(e.type().name());
        } else if (o instanceof Operation.CreateDomain d) {
            n.add(d.domain().name());
        } else if (o instanceof Operation.CreateTrigger t) {
            n.add(t.name());
        }
        return n;
    }
}
