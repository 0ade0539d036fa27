package dev.tideline.rules.edit;

import dev.tideline.analyzer.source.Lexer;
import dev.tideline.analyzer.source.Token;
import dev.tideline.rules.TextEdit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A top-level statement as written in its file: the one place lint fixes turn into text edits. Edits are made from
 * the statement's own tokens (never from the analyzer's normalised text), so names keep their quoting, placeholders
 * stay placeholders and nothing outside the fix is re-written.
 */
public final class SourceSpan {
    private final SourceText source;
    private final int line;
    private final int column;
    private final List<Token> tokens = new ArrayList<>();

    public SourceSpan(SourceText source, int line, int column, int endLine, int endColumn) {
        this.source = source;
        this.line = line;
        this.column = column;
        int from = source.offset(line, column);
        int to = source.offset(endLine, endColumn) + 1;
        for (Token t : Lexer.ofFragment(source.text().substring(from, to), line, column).tokens()) {
            if (!t.isComment()) tokens.add(t);
        }
    }

    public Path file() {
        return source.file();
    }

    public int line() {
        return line;
    }

    public SourceText source() {
        return source;
    }

    /** The statement's significant tokens (comments left out), in order. */
    public List<Token> tokens() {
        return tokens;
    }

    /** Index of the first token sequence spelling these keywords (ignoring case) at or after {@code from}; -1 when none. */
    public int find(int from, String... keywords) {
        outer:
        for (int i = Math.max(0, from); i + keywords.length <= tokens.size(); i++) {
            for (int k = 0; k < keywords.length; k++) if (!tokens.get(i + k).is(keywords[k])) continue outer;
            return i;
        }
        return -1;
    }

    /** Inserts {@code text} right after token {@code i}. */
    public TextEdit insertAfter(int i, String text) {
        Token t = tokens.get(i);
        return TextEdit.insert(file(), t.endLine(), t.endColumn() + 1, text);
    }

    /** Replaces tokens {@code first..last} (inclusive) and whatever lies between them. */
    public TextEdit replace(int first, int last, String text) {
        Token a = tokens.get(first);
        Token b = tokens.get(last);
        return new TextEdit(file(), a.line(), a.column(), b.endLine(), b.endColumn() + 1, text, false);
    }

    /** Replaces the whole statement (its terminating semicolon stays). */
    public TextEdit replaceAll(String text) {
        return replace(0, tokens.size() - 1, text);
    }

    /** The whitespace the statement's first line starts with, so added statements line up with it. */
    public String indent() {
        String l = source.line(line);
        int n = 0;
        while (n < l.length() && n < column - 1 && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) n++;
        return l.substring(0, n);
    }

    /** Inserts whole statements on lines of their own before this one, at its indentation. */
    public TextEdit before(String statements) {
        return TextEdit.insert(file(), line, column, indented(statements) + "\n" + indent());
    }

    /** Inserts whole statements on lines of their own after this one's semicolon (adding it when the file omits it). */
    public TextEdit after(String statements) {
        Token last = tokens.get(tokens.size() - 1);
        int end = source.offset(last.endLine(), last.endColumn()) + 1;
        String text = source.text();
        int i = end;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        boolean semicolon = i < text.length() && text.charAt(i) == ';';
        int at = semicolon ? i + 1 : end;
        int[] pos = source.position(at);
        return TextEdit.insert(file(), pos[0], pos[1], (semicolon ? "" : ";") + "\n" + indent() + indented(statements));
    }

    private String indented(String statements) {
        return statements.replace("\n", "\n" + indent());
    }
}
