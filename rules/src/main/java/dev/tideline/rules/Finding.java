package dev.tideline.rules;

import dev.tideline.analyzer.model.TableLock;
import java.nio.file.Path;
import java.util.List;

/**
 * One diagnostic of a rule on one statement. Line and column are 1-based.
 *
 * @param statement the statement text as written (for excerpts)
 * @param locks     locks the statement takes on existing tables, for the reader
 * @param fix       what to do instead, with safe SQL where there is one; null when the rule has none
 * @param textFix   the same as edits of the files, where the safe form is mechanical; null otherwise
 */
public record Finding(String rule, Severity severity, Category category, Path file, int line, int column,
                      String message, String statement, List<TableLock> locks, String fix, TextFix textFix) {

    /** A finding whose safe form is prose only. */
    public Finding(String rule, Severity severity, Category category, Path file, int line, int column,
                   String message, String statement, List<TableLock> locks, String fix) {
        this(rule, severity, category, file, line, column, message, statement, locks, fix, null);
    }
}
