package dev.tideline.analyzer.source;

import java.nio.file.Path;

/**
 * A problem with the input itself (not a lint finding): unreadable file, unterminated quote, binary content…
 * Always located; line/column are 1-based, 0 when the problem concerns the whole file.
 */
public record Diagnostic(Path file, int line, int column, Severity severity, String code, String message) {
    public enum Severity { ERROR, WARNING }
}
