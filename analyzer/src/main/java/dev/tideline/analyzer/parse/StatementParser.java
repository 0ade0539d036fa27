package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.source.SqlStatement;
import java.util.List;

/**
 * Turns one statement into its typed operations: the PostgreSQL-aware recognizer first, JSqlParser (time-bounded)
 * for what the recognizer does not know. Never throws: what neither understands becomes {@link Operation.Unrecognized}.
 * JSqlParser types never leave this package.
 */
public final class StatementParser {
    public List<Operation> parse(SqlStatement statement) {
        throw new UnsupportedOperationException("TODO(issue 2): recognizer + JSqlParser");
    }
}
