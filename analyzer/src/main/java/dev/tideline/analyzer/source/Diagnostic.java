package dev.tideline.analyzer.source;

import java.nio.file.Path;

/**
 * A problem with the input itself (not a lint finding): unreadable file, unterminated quote, binary content…
 * Always located; line/column are 1-based, 0 when the problem concerns the whole file. INFO marks input that was
 * deliberately skipped as not being SQL (a psql meta-command, a MySQL {@code delimiter} line).
 */
public record Diagnostic(Path file, int line, int column, Severity severity, String code, String message) {
    public enum Severity { ERROR, WARNING, INFO }
}
