package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.StatementUnit;
import java.util.HashMap;
import java.util.Map;

@RuleInfo(id = "validate-in-same-transaction", category = Category.LOCKING, severity = Severity.ERROR,
        summary = "VALIDATE CONSTRAINT in the transaction that added it NOT VALID keeps the ADD's strong lock during the scan.")
public final class ValidateInSameTransaction implements Rule {
    @Override
    public void check(RuleContext ctx) {
        // constraint key -> transaction block of its NOT VALID addition
        Map<String, Integer> notValidIn = new HashMap<>();
        for (StatementUnit u : ctx.statements()) {
            for (AnalyzedOperation op : u.operations()) {
                if (op.operation() instanceof Operation.AddConstraint add && add.constraint().notValid()
                        && add.constraint().name() != null && u.tx().inTransaction()) {
                    notValidIn.put(key(add.table().toString(), add.constraint().name()), u.tx().blockId());
                } else if (op.operation() instanceof Operation.ValidateConstraint v && !op.onNewTable()) {
                    Integer block = notValidIn.get(key(v.table().toString(), v.name()));
                    if (block == null || !u.tx().inTransaction() || block != u.tx().blockId()) continue;
                    ctx.report(u, op, "VALIDATE CONSTRAINT " + v.name() + " runs in the same transaction as the ADD ... NOT VALID,"
                            + " so the scan runs while " + v.table() + " is still locked by the ADD (ACCESS EXCLUSIVE,"
                            + " or SHARE ROW EXCLUSIVE for a foreign key): NOT VALID gains nothing",
                            "-- commit after ADD CONSTRAINT ... NOT VALID, then in a separate transaction or migration:\n"
                                    + "ALTER TABLE " + v.table() + " VALIDATE CONSTRAINT " + v.name() + ";");
                }
            }
        }
    }

    private static String key(String table, String name) {
        return table.replaceFirst("^public\\.", "") + "\u0000" + name;
    }
}
