package dev.tideline.analyzer.source;

import java.util.List;

/** The statements of one file in order, and the located problems met while splitting it. */
public record SplitResult(List<SqlStatement> statements, List<Diagnostic> diagnostics) {}
