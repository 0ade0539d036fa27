package dev.tideline.rules.edit;

import dev.tideline.rules.TextEdit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's text with its line starts, for turning positions into offsets. Positions are the analyzer's: a line ends at
 * LF (a CR before it belongs to the line end) and a byte order mark takes no column.
 */
public final class SourceText {
    private final Path file;
    private final String text;
    private final int[] lineStarts;

    public SourceText(Path file, String text) {
        this.file = file;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public Path file() {
        return file;
    }

    public String text() {
        return text;
    }

    public int lines() {
        return lineStarts.length;
    }

    /** Offset of a 1-based line and column (a column past the line's end clamps to it). */
    public int offset(int line, int column) {
        if (line > lineStarts.length) return text.length();
        int start = lineStarts[line - 1] + (line == 1 ? bom() : 0);
        return Math.min(start + column - 1, lineEnd(line));
    }

    /** The 1-based line and column of an offset. */
    public int[] position(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return new int[] {lo + 1, offset - lineStarts[lo] - (lo == 0 ? bom() : 0) + 1};
    }

    /** Line {@code n} (1-based) without its line end. */
    public String line(int n) {
        return text.substring(lineStarts[n - 1] + (n == 1 ? bom() : 0), lineEnd(n));
    }

    /** The line end the file uses after line {@code n} (the last line's: the one before it, or LF). */
    public String lineEnding(int n) {
        int end = n < lineStarts.length ? lineStarts[n] - 1 : n > 1 ? lineStarts[n - 1] - 1 : -1;
        return end > 0 && text.charAt(end - 1) == '\r' ? "\r\n" : "\n";
    }

    private int lineEnd(int n) {
        int end = n < lineStarts.length ? lineStarts[n] - 1 : text.length();
        return end > lineStarts[n - 1] && end < text.length() && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    private int bom() {
        return text.startsWith("\uFEFF") ? 1 : 0;
    }

    /**
     * The text with the edits of this file applied (edits must not overlap), each replacement's line breaks written
     * as the line it lands on ends (a CRLF file stays CRLF).
     */
    public String apply(List<TextEdit> edits) {
        List<TextEdit> mine = new ArrayList<>(edits.stream().filter(e -> e.file().equals(file) && !e.creates()).toList());
        mine.sort((a, b) -> Integer.compare(offset(b.line(), b.column()), offset(a.line(), a.column())));
        StringBuilder out = new StringBuilder(text);
        for (TextEdit e : mine) {
            String replacement = e.replacement().replace("\n", lineEnding(e.line()));
            out.replace(offset(e.line(), e.column()), offset(e.endLine(), e.endColumn()), replacement);
        }
        return out.toString();
    }
}
