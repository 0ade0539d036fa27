package dev.tideline.analyzer.parse;

import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.source.Lexer;
import dev.tideline.analyzer.source.Token;
import dev.tideline.analyzer.source.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A position in the non-comment tokens of one statement, with the small helpers the recognizer needs. */
final class Cursor {
    private final List<Token> tokens;
    private final String text;
    /** How many DO blocks enclose the statement (0 at the top level of a file). */
    final int doDepth;
    int i;

    Cursor(String text, int line, int column, int doDepth) {
        this.text = text;
        this.doDepth = doDepth;
        List<Token> all = Lexer.ofFragment(text, line, column).tokens();
        List<Token> kept = new ArrayList<>(all.size());
        for (Token t : all) if (!t.isComment()) kept.add(t);
        this.tokens = kept;
    }

    int size() {
        return tokens.size();
    }

    Token get(int index) {
        return tokens.get(index);
    }

    boolean atEnd() {
        return i >= tokens.size();
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int k = i + ahead;
        return k < tokens.size() ? tokens.get(k) : null;
    }

    Token next() {
        if (atEnd()) throw new NotRecognized("statement ends too early");
        return tokens.get(i++);
    }

    boolean is(String keyword) {
        return isAt(0, keyword);
    }

    boolean isAt(int ahead, String keyword) {
        Token t = peek(ahead);
        return t != null && t.is(keyword);
    }

    /** True when the next tokens are exactly these keywords. */
    boolean isSeq(String... keywords) {
        for (int k = 0; k < keywords.length; k++) if (!isAt(k, keywords[k])) return false;
        return true;
    }

    boolean accept(String keyword) {
        if (!is(keyword)) return false;
        i++;
        return true;
    }

    boolean acceptSeq(String... keywords) {
        if (!isSeq(keywords)) return false;
        i += keywords.length;
        return true;
    }

    void expect(String keyword) {
        if (!accept(keyword)) throw new NotRecognized("expected " + keyword + " but found " + describe(peek()));
    }

    boolean isPunct(char c) {
        Token t = peek();
        return t != null && t.isPunct(c);
    }

    boolean acceptPunct(char c) {
        if (!isPunct(c)) return false;
        i++;
        return true;
    }

    void expectPunct(char c) {
        if (!acceptPunct(c)) throw new NotRecognized("expected '" + c + "' but found " + describe(peek()));
    }

    boolean isWord() {
        Token t = peek();
        return t != null && t.kind() == Kind.WORD;
    }

    String upperWord() {
        Token t = peek();
        return t != null && t.kind() == Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
    }

    boolean isName() {
        Token t = peek();
        return t != null && isNameToken(t);
    }

    static boolean isNameToken(Token t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT || t.kind() == Kind.PLACEHOLDER;
    }

    /** An identifier, normalised: unquoted folded to lower case, quoted kept as written. */
    String name() {
        Token t = peek();
        if (t == null || !isNameToken(t)) throw new NotRecognized("expected a name but found " + describe(t));
        i++;
        return normalise(t);
    }

    static String normalise(Token t) {
        return switch (t.kind()) {
            case WORD -> t.text().toLowerCase(Locale.ROOT);
            case QUOTED_IDENT -> unquote(t.text());
            default -> t.text();
        };
    }

    static String unquote(String quoted) {
        int open = quoted.indexOf(quoted.charAt(quoted.length() - 1));
        char q = quoted.charAt(quoted.length() - 1);
        String inner = quoted.substring(open + 1, quoted.length() - 1);
        return inner.replace(String.valueOf(q) + q, String.valueOf(q));
    }

    /** {@code [catalog.][schema.]name}: the schema is null when unqualified. */
    TableRef qualifiedName() {
        String first = name();
        String schema = null;
        String name = first;
        while (isPunct('.') && peek(1) != null && isNameToken(peek(1))) {
            i++;
            schema = name;
            name = name();
        }
        return new TableRef(schema, name);
    }

    /** A dotted name's parts, each normalised. */
    List<String> nameParts() {
        List<String> parts = new ArrayList<>();
        parts.add(name());
        while (isPunct('.') && peek(1) != null && isNameToken(peek(1))) {
            i++;
            parts.add(name());
        }
        return parts;
    }

    /** Skips a balanced parenthesised group starting at the current '('. */
    void skipParens() {
        expectPunct('(');
        int depth = 1;
        while (!atEnd() && depth > 0) {
            Token t = tokens.get(i++);
            if (t.isPunct('(')) depth++;
            else if (t.isPunct(')')) depth--;
        }
        if (depth > 0) throw new NotRecognized("unbalanced parentheses");
    }

    /** The index of the matching ')' for the '(' at {@code open}, or size() when unbalanced. */
    int closing(int open) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.isPunct('(') || t.isPunct('[')) depth++;
            else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
                if (depth == 0) return k;
            }
        }
        return tokens.size();
    }

    /** Advances to the next depth-0 ',' or the end (or a depth-0 ')' closing an enclosing group); returns that index. */
    int skipToCommaOrEnd() {
        int depth = 0;
        while (!atEnd()) {
            Token t = tokens.get(i);
            if (t.isPunct('(') || t.isPunct('[')) depth++;
            else if (t.isPunct(')') || t.isPunct(']')) {
                if (depth == 0) return i;
                depth--;
            } else if (depth == 0 && t.isPunct(',')) return i;
            i++;
        }
        return i;
    }

    /** True when a depth-0 word equal to {@code keyword} occurs at or after the cursor. */
    boolean hasTopLevel(String keyword) {
        int depth = 0;
        for (int k = i; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.isPunct('(') || t.isPunct('[')) depth++;
            else if (t.isPunct(')') || t.isPunct(']')) depth--;
            else if (depth == 0 && t.is(keyword)) return true;
        }
        return false;
    }

    /** The original text from token {@code from} to token {@code toExclusive}, or null when empty. */
    String text(int from, int toExclusive) {
        if (toExclusive <= from) return null;
        return text.substring(tokens.get(from).start(), tokens.get(toExclusive - 1).end());
    }

    List<Token> slice(int from, int toExclusive) {
        return tokens.subList(from, toExclusive);
    }

    void expectEnd() {
        if (!atEnd()) throw new NotRecognized("unexpected " + describe(peek()));
    }

    static String describe(Token t) {
        if (t == null) return "end of statement";
        String s = t.text();
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "' at line " + t.line() + ", column " + t.column();
    }
}
