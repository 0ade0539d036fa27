package dev.tideline.analyzer.source;

import java.util.List;

/**
 * The statements of one file in order, the located problems met while splitting it, and every comment of the file
 * in order (leading, trailing and inner ones alike), for markers such as {@code -- tideline:ignore}.
 */
public record SplitResult(List<SqlStatement> statements, List<Diagnostic> diagnostics, List<SqlComment> comments) {
    public SplitResult(List<SqlStatement> statements, List<Diagnostic> diagnostics) {
        this(statements, diagnostics, List.of());
    }
}
