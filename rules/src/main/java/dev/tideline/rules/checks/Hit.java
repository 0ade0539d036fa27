package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.StatementUnit;
import java.util.ArrayList;
import java.util.List;

/** One operation of a given type, with the statement it belongs to. */
record Hit<T extends Operation>(StatementUnit at, AnalyzedOperation op, T operation) {

    /** Every operation of the type in the file, top-level and nested, in order. */
    static <T extends Operation> List<Hit<T>> all(RuleContext ctx, Class<T> type) {
        List<Hit<T>> out = new ArrayList<>();
        for (StatementUnit u : ctx.statements()) {
            for (AnalyzedOperation op : u.operations()) {
                if (type.isInstance(op.operation())) out.add(new Hit<>(u, op, type.cast(op.operation())));
            }
        }
        return out;
    }

    /** Only those acting on a table that existed before this file or transaction. */
    static <T extends Operation> List<Hit<T>> onExisting(RuleContext ctx, Class<T> type) {
        return all(ctx, type).stream().filter(h -> !h.op().onNewTable()).toList();
    }

    /** Whether the lock model said anything about this operation (nested DO statements may carry no effect). */
    boolean effectKnown() {
        return !op.effect().locks().isEmpty();
    }
}
