package dev.tideline.rules;

import java.nio.file.Path;

/**
 * One change to a file's text: the characters from {@code line:column} up to (not including) {@code endLine:endColumn}
 * become {@code replacement}. Positions are 1-based, columns count characters of the line, and refer to the text as
 * the analyzer read it (line ends normalised to LF, as in {@code replacement}); whoever writes the file restores its
 * own line ends. {@code creates} marks a file that does not exist yet (its whole text is the replacement at 1:1).
 */
public record TextEdit(Path file, int line, int column, int endLine, int endColumn, String replacement, boolean creates) {

    public static TextEdit insert(Path file, int line, int column, String text) {
        return new TextEdit(file, line, column, line, column, text, false);
    }

    public static TextEdit create(Path file, String text) {
        return new TextEdit(file, 1, 1, 1, 1, text, true);
    }

    /** True when both edits touch the same characters of the same file (two insertions at one point included). */
    public boolean overlaps(TextEdit o) {
        if (!file.equals(o.file)) return false;
        if (creates || o.creates) return true;
        return compare(line, column, o.endLine, o.endColumn) <= 0 && compare(o.line, o.column, endLine, endColumn) <= 0;
    }

    static int compare(int l1, int c1, int l2, int c2) {
        return l1 != l2 ? Integer.compare(l1, l2) : Integer.compare(c1, c2);
    }
}
