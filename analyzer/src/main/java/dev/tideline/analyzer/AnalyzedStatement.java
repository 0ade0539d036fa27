package dev.tideline.analyzer;

import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.analyzer.tx.TxContext;
import java.util.List;

/**
 * One statement: where it is, what it does, the transaction it runs in, and the schema just before it.
 *
 * @param nested the statements its DO blocks run, at every depth, in the order they run
 */
public record AnalyzedStatement(SqlStatement statement, List<AnalyzedOperation> operations, TxContext tx,
                                SchemaView schemaBefore, List<AnalyzedNestedStatement> nested) {
    /** A statement that runs no DO block. */
    public AnalyzedStatement(SqlStatement statement, List<AnalyzedOperation> operations, TxContext tx,
                             SchemaView schemaBefore) {
        this(statement, operations, tx, schemaBefore, List.of());
    }
}
