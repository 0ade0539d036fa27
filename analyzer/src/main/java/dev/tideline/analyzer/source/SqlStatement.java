package dev.tideline.analyzer.source;

import java.nio.file.Path;

/**
 * One statement of a migration file as written, with its exact position (1-based line and column, columns
 * counted in characters of the line): {@code line}/{@code column} locate its first character and
 * {@code endLine}/{@code endColumn} its last one (the terminating semicolon is not part of it).
 * {@code text} excludes the terminating semicolon and surrounding whitespace and comments but keeps inner
 * comments; template placeholders given a value are replaced by it. {@code index} is the 0-based order in the file.
 */
public record SqlStatement(Path file, int index, int line, int column, int endLine, int endColumn, String text) {}
