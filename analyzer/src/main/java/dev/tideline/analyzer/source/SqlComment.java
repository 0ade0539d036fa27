package dev.tideline.analyzer.source;

/**
 * A comment of a migration file ({@code -- …} or {@code /* … *&#47;}) as written, located 1-based (first and last
 * character), so inline markers such as {@code -- tideline:ignore …} can be read next to the statements.
 */
public record SqlComment(int line, int column, int endLine, int endColumn, String text) {
    /** The comment text without its {@code --} or {@code /* *&#47;} delimiters, stripped. */
    public String body() {
        if (text.startsWith("--")) return text.substring(2).strip();
        if (text.startsWith("/*") && text.endsWith("*/") && text.length() >= 4) return text.substring(2, text.length() - 2).strip();
        return text.strip();
    }
}
