package dev.tideline.analyzer;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.analyzer.tx.TransactionTracker;
import java.nio.file.Path;
import java.util.List;

/**
 * One migration file (or Liquibase changeset file).
 *
 * @param targeted false when the file was only replayed to build the schema model (an earlier migration)
 * @param text the file's text as the analyzer read it (line endings normalised to LF), so later stages need not read
 *     the file again; null when it is not known (unreadable or binary file, or built without it)
 * @param changesets the Liquibase changesets (units, each deployed on its own) in line order; empty for other runners
 */
public record FileAnalysis(Path file, Runner runner, List<AnalyzedStatement> statements,
                           List<Diagnostic> diagnostics, boolean targeted, String text,
                           List<TransactionTracker.Changeset> changesets) {
    /** A file whose Liquibase changesets (if any) are told by its {@code --changeset} lines. */
    public FileAnalysis(Path file, Runner runner, List<AnalyzedStatement> statements, List<Diagnostic> diagnostics,
                        boolean targeted, String text) {
        this(file, runner, statements, diagnostics, targeted, text,
                runner == Runner.LIQUIBASE && text != null ? TransactionTracker.changesets(text) : List.of());
    }

    /** Without the file's text. */
    public FileAnalysis(Path file, Runner runner, List<AnalyzedStatement> statements, List<Diagnostic> diagnostics,
                        boolean targeted) {
        this(file, runner, statements, diagnostics, targeted, null, List.of());
    }

    /** The same file with another {@code targeted} flag. */
    public FileAnalysis withTargeted(boolean targeted) {
        return new FileAnalysis(file, runner, statements, diagnostics, targeted, text, changesets);
    }
}
