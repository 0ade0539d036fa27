package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.LockTable;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Locks;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

@RuleInfo(id = "lock-table", category = Category.LOCKING, severity = Severity.WARNING,
        summary = "An explicit LOCK TABLE in a mode that blocks reads or writes, held until the transaction ends.")
public final class LockTableStatement implements Rule {
    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, LockTable.class)) {
            LockTable l = h.operation();
            if (!l.mode().blocksWrites()) continue;
            List<TableRef> existing = l.tables().stream().filter(t -> !h.at().schema().isNew(t)).toList();
            if (existing.isEmpty()) continue;
            ctx.report(h.at(), h.op(), "LOCK TABLE " + existing.stream().map(TableRef::toString).reduce((a, b) -> a + ", " + b).orElse("")
                    + " IN " + l.mode().sql() + " MODE " + Locks.blocks(l.mode()) + " until the transaction ends",
                    "Take the weakest mode that protects the change, keep the transaction short, and set a timeout first:\n"
                            + Fixes.LOCK_TIMEOUT + "\nLOCK TABLE " + Quoting.table(existing.get(0)) + " IN " + l.mode().sql() + " MODE;");
        }
    }
}
