package dev.tideline.analyzer;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import java.nio.file.Path;
import java.util.List;

/**
 * One migration file (or Liquibase changeset file).
 *
 * @param targeted false when the file was only replayed to build the schema model (an earlier migration)
 */
public record FileAnalysis(Path file, Runner runner, List<AnalyzedStatement> statements,
                           List<Diagnostic> diagnostics, boolean targeted) {}
