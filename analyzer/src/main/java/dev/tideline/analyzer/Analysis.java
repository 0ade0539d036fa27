package dev.tideline.analyzer;

import dev.tideline.analyzer.source.Diagnostic;
import java.util.List;

/** Result of analysing a set of paths: files in replay order, plus problems not tied to one file. */
public record Analysis(PgVersion version, List<FileAnalysis> files, List<Diagnostic> diagnostics) {}
