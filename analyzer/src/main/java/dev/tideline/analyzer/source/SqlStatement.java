package dev.tideline.analyzer.source;

import java.nio.file.Path;

/**
 * One statement of a migration file as written, with its exact position (1-based line and column, columns
 * counted in characters of the line). {@code text} excludes the terminating semicolon and surrounding
 * whitespace but keeps inner comments; {@code index} is the 0-based order in the file.
 */
public record SqlStatement(Path file, int index, int line, int column, int endLine, int endColumn, String text) {}
