package dev.tideline.mysql.parse;

import dev.tideline.mysql.lex.Lexeme;
import dev.tideline.mysql.lex.Lexeme.Kind;
import dev.tideline.mysql.model.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A cursor over one statement's lexemes (comments and hints left out), with the moves the recognizer makes. */
final class Tokens {
    private final List<Lexeme> t;
    private final String text;
    private int pos;

    Tokens(List<Lexeme> lexemes, String text) {
        List<Lexeme> code = new ArrayList<>();
        for (Lexeme l : lexemes) if (!l.isComment()) code.add(l);
        this.t = code;
        this.text = text;
    }

    int mark() {
        return pos;
    }

    void reset(int mark) {
        pos = mark;
    }

    boolean atEnd() {
        return pos >= t.size();
    }

    Lexeme peek() {
        return peek(0);
    }

    Lexeme peek(int ahead) {
        int i = pos + ahead;
        return i < t.size() ? t.get(i) : null;
    }

    Lexeme next() {
        return atEnd() ? null : t.get(pos++);
    }

    /** The next lexeme is this keyword (case-insensitive). */
    boolean is(String word) {
        return is(0, word);
    }

    boolean is(int ahead, String word) {
        Lexeme l = peek(ahead);
        return l != null && l.is(word);
    }

    boolean isPunct(char c) {
        Lexeme l = peek();
        return l != null && l.isPunct(c);
    }

    boolean isOperator(String op) {
        Lexeme l = peek();
        return l != null && l.kind() == Kind.OPERATOR && l.text().equals(op);
    }

    /** Consumes the keywords if they come next, in this order; else consumes nothing. */
    boolean accept(String... words) {
        for (int i = 0; i < words.length; i++) if (!is(i, words[i])) return false;
        pos += words.length;
        return true;
    }

    boolean acceptPunct(char c) {
        if (!isPunct(c)) return false;
        pos++;
        return true;
    }

    /** An optional {@code =}. */
    void acceptEquals() {
        if (isOperator("=")) pos++;
    }

    /** Consumes one of the keywords and returns it in upper case, or null. */
    String acceptAny(String... words) {
        for (String w : words) if (is(w)) {
            pos++;
            return w.toUpperCase(Locale.ROOT);
        }
        return null;
    }

    boolean isIdentifier() {
        Lexeme l = peek();
        return l != null && (l.kind() == Kind.WORD || l.kind() == Kind.IDENT || l.kind() == Kind.PLACEHOLDER)
                && !l.text().startsWith("@");
    }

    /** An identifier without its quotes, or null (nothing consumed) when none comes next. */
    String identifier() {
        if (!isIdentifier()) {
            Lexeme l = peek();
            // ANSI_QUOTES off: some migrations still quote names with "…" or '…' (e.g. index names in MariaDB dumps)
            if (l == null || l.kind() != Kind.STRING) return null;
        }
        return unquote(next().text());
    }

    /** {@code name} or {@code schema.name}; null when no identifier comes next. */
    TableName tableName() {
        String first = identifier();
        if (first == null) return null;
        if (isPunct('.') && peek(1) != null) {
            pos++;
            String second = identifier();
            if (second != null) return new TableName(first, second);
        }
        return TableName.of(first);
    }

    static String unquote(String s) {
        if (s.length() >= 2) {
            char q = s.charAt(0);
            if ((q == '`' || q == '"' || q == '\'') && s.charAt(s.length() - 1) == q) {
                String inner = s.substring(1, s.length() - 1);
                return inner.replace(String.valueOf(q) + q, String.valueOf(q));
            }
        }
        return s;
    }

    /**
     * Skips a balanced parenthesised group starting at the next {@code (} and returns its inner text as written;
     * null (nothing consumed) when no {@code (} comes next or it is not closed.
     */
    String parenthesised() {
        if (!isPunct('(')) return null;
        int start = pos;
        int depth = 0;
        for (int i = pos; i < t.size(); i++) {
            Lexeme l = t.get(i);
            if (l.isPunct('(')) depth++;
            else if (l.isPunct(')') && --depth == 0) {
                pos = i + 1;
                return i == start + 1 ? "" : text.substring(t.get(start + 1).start(), t.get(i - 1).end());
            }
        }
        return null;
    }

    /** Skips to the next comma or closing parenthesis at this depth (not consumed); returns the skipped text. */
    String skipToCommaOrClose() {
        int start = pos;
        int depth = 0;
        while (!atEnd()) {
            Lexeme l = peek();
            if (depth == 0 && (l.isPunct(',') || l.isPunct(')'))) break;
            if (l.isPunct('(')) depth++;
            if (l.isPunct(')')) depth--;
            pos++;
        }
        return textBetween(start, pos);
    }

    /** The source text of lexemes [from, to). */
    String textBetween(int from, int to) {
        if (from >= to || from >= t.size()) return "";
        return text.substring(t.get(from).start(), t.get(Math.min(to, t.size()) - 1).end());
    }

    /** The rest of the statement's text. */
    String rest() {
        return textBetween(pos, t.size());
    }

    /** A literal or expression value: one lexeme, a signed number, a function call {@code f(…)} or a group {@code (…)}. */
    String value() {
        int start = pos;
        if (atEnd()) return "";
        if (isOperator("-") || isOperator("+")) pos++;
        if (isPunct('(')) {
            parenthesised();
            return textBetween(start, pos);
        }
        next();
        if (isPunct('(')) parenthesised();
        return textBetween(start, pos);
    }

    Lexeme get(int index) {
        return t.get(index);
    }

    int size() {
        return t.size();
    }
}
