package dev.tideline.rules;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.tx.TxContext;
import java.util.List;

/**
 * A statement as rules see it: a top-level statement of the file, or a statement nested in a DO block at any depth
 * (then {@code nested} is true and line/column are its own position in the file).
 *
 * @param enclosing the top-level statement (itself when not nested)
 * @param schema    the schema just before this statement (for a nested one, after its block's earlier statements)
 */
public record StatementUnit(AnalyzedStatement enclosing, int line, int column, String text,
                            List<AnalyzedOperation> operations, boolean nested, SchemaView schema) {

    public TxContext tx() {
        return enclosing.tx();
    }

    /** True when the statement does something (not only SET / transaction control). */
    public boolean doesWork() {
        for (AnalyzedOperation op : operations) {
            Operation o = op.operation();
            if (!(o instanceof Operation.SetSetting) && !(o instanceof Operation.Transaction)) return true;
        }
        return false;
    }
}
