package dev.tideline.analyzer.source;

import java.util.List;
import java.util.Map;

/**
 * The statements of one file in order, the located problems met while splitting it, every comment of the file
 * in order (leading, trailing and inner ones alike), for markers such as {@code -- tideline:ignore}, and the
 * statements whose boundaries cannot be known (by index, with the reason): those must not pass as analysed.
 */
public record SplitResult(List<SqlStatement> statements, List<Diagnostic> diagnostics, List<SqlComment> comments,
                          Map<Integer, String> uncertain) {
    public SplitResult(List<SqlStatement> statements, List<Diagnostic> diagnostics) {
        this(statements, diagnostics, List.of(), Map.of());
    }

    /** A split whose every boundary is known. */
    public SplitResult(List<SqlStatement> statements, List<Diagnostic> diagnostics, List<SqlComment> comments) {
        this(statements, diagnostics, comments, Map.of());
    }
}
