package dev.tideline.analyzer.source;

import dev.tideline.analyzer.source.Token.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL-aware lexer. Knows quoting ({@code '…'}, {@code E'…'} with backslash escapes, {@code "…"},
 * {@code $tag$…$tag$}), nested block comments, template placeholders, and — in file mode — psql meta-commands,
 * {@code COPY … FROM stdin} data and MySQL-style {@code delimiter} lines. Never throws: an unterminated quote or
 * comment becomes a located {@link Diagnostic} and a {@link Kind#BROKEN} token reaching to the end of the next
 * line that ends with a semicolon, after which lexing resumes.
 *
 * <p>Tokens are made on demand ({@link #next}, {@link #peek}): the splitter holds only the statement it is reading,
 * so a file's memory is its statements, not its tokens (a 26 MB file of INSERTs held 8 million tokens at once).
 */
public final class Lexer {
    private final String s;
    private final Path file;
    private final boolean fileMode;
    private final List<Token> tokens = new ArrayList<>(); // lexed, not yet taken by next()
    private int taken;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private int pos;
    private int line;
    private int col;
    private int lastLine;
    private int lastCol;
    private boolean lineBlank = true;

    // file mode: recognising COPY … FROM stdin, and a custom delimiter after a `delimiter X` line
    private int wordsInStatement;
    private boolean copyStatement;
    private boolean copyFromStdin;
    private String previousWord = "";
    private String customDelimiter;

    private Lexer(String text, Path file, boolean fileMode, int line, int column) {
        this.s = text;
        this.file = file;
        this.fileMode = fileMode;
        this.line = line;
        this.col = column;
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') pos = 1;
    }

    /** Lexes a whole migration file: psql meta-commands, COPY data and delimiter lines are recognised. */
    public static Lexer ofFile(Path file, String content) {
        return new Lexer(content, file, true, 1, 1);
    }

    /** Lexes a fragment (a statement's text) that starts at the given 1-based position of its file. */
    public static Lexer ofFragment(String text, int line, int column) {
        return new Lexer(text, null, false, line, column);
    }

    /** All the (remaining) tokens at once: for a statement's fragment, which is small. */
    public List<Token> tokens() {
        while (lexOne()) {
            // lex to the end
        }
        return tokens.subList(taken, tokens.size());
    }

    /** The next token, or null at the end of the text. */
    public Token next() {
        Token t = peek(0);
        if (t != null) taken++;
        if (taken == tokens.size()) {
            tokens.clear();
            taken = 0;
        }
        return t;
    }

    /** The token {@code ahead} places after the next one (0: the next), without taking it; null past the end. */
    public Token peek(int ahead) {
        while (tokens.size() - taken <= ahead) {
            if (!lexOne()) return null;
        }
        return tokens.get(taken + ahead);
    }

    /** Complete once the text is lexed to its end. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Lexes until at least one more token is made; false at the end of the text. */
    private boolean lexOne() {
        int before = tokens.size();
        int n = s.length();
        while (pos < n && tokens.size() == before) {
            char c = s.charAt(pos);
            if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
                advance();
                continue;
            }
            if (fileMode && lineBlank && lineLevelToken()) continue;
            lexToken(c);
        }
        return tokens.size() > before;
    }

    /** File-mode constructs that only count at the start of a line. */
    private boolean lineLevelToken() {
        int eol = lineEnd(pos);
        String rest = s.substring(pos, eol).strip();
        if (customDelimiter != null && rest.equals(customDelimiter)) {
            emitUntil(Kind.DELIMITER, eol);
            return true;
        }
        if (rest.regionMatches(true, 0, "delimiter", 0, 9) && rest.length() > 9
                && Character.isWhitespace(rest.charAt(9)) && wordsInStatement == 0) {
            String d = rest.substring(10).strip();
            customDelimiter = d.isEmpty() || d.equals(";") ? null : d;
            emitUntil(Kind.DELIMITER, eol);
            return true;
        }
        return false;
    }

    private void lexToken(char c) {
        int n = s.length();
        char next = pos + 1 < n ? s.charAt(pos + 1) : 0;
        if (c == '-' && next == '-') {
            emitUntil(Kind.LINE_COMMENT, trimCr(lineEnd(pos)));
        } else if (c == '/' && next == '*') {
            blockComment();
        } else if (c == '\'') {
            quoted(pos, '\'', false, Kind.STRING, "unterminated-quoted-string", "string literal");
        } else if (c == '"') {
            quoted(pos, '"', false, Kind.QUOTED_IDENT, "unterminated-quoted-identifier", "quoted identifier");
        } else if (c == '`') {
            backtick();
        } else if (c == '$') {
            dollar(next);
        } else if (c == '{' && next == '{') {
            int close = closeBraces.after(pos + 2);
            if (close == s.length()) broken(pos, "unterminated-placeholder", "template placeholder '{{' is never closed by '}}'");
            else emitUntil(Kind.PLACEHOLDER, close + 2);
        } else if (isIdentStart(c)) {
            word();
        } else if (isDigit(c) || (c == '.' && isDigit(next))) {
            number();
        } else if (c == ':' && next == ':') {
            emitUntil(Kind.OPERATOR, pos + 2);
        } else if (c == ':' && next == '=') {
            emitUntil(Kind.OPERATOR, pos + 2);
        } else if (c == ':' && (isIdentStart(next) || next == '\'' || next == '"')) {
            psqlVariable(next);
        } else if (c == ';') {
            emitUntil(Kind.PUNCT, pos + 1);
            if (fileMode) endOfStatement();
        } else if ("()[],.:".indexOf(c) >= 0) {
            emitUntil(Kind.PUNCT, pos + 1);
        } else if (c == '\\' && fileMode) {
            emitUntil(Kind.META_COMMAND, trimCr(lineEnd(pos)));
        } else if (isOperatorChar(c)) {
            int e = pos + 1;
            while (e < n && isOperatorChar(s.charAt(e))
                    && !(s.charAt(e) == '-' && e + 1 < n && s.charAt(e + 1) == '-')
                    && !(s.charAt(e) == '/' && e + 1 < n && s.charAt(e + 1) == '*')) e++;
            emitUntil(Kind.OPERATOR, e);
        } else {
            emitUntil(Kind.OPERATOR, pos + Character.charCount(s.codePointAt(pos)));
        }
    }

    private void word() {
        int n = s.length();
        int e = pos + 1;
        while (e < n && isIdentPart(s.charAt(e))) e++;
        int len = e - pos;
        if (e < n && s.charAt(e) == '\'' && len == 1) {
            char p = Character.toUpperCase(s.charAt(pos));
            if (p == 'E') {
                quoted(pos, '\'', true, Kind.STRING, "unterminated-quoted-string", "string literal");
                return;
            }
            if (p == 'B' || p == 'X' || p == 'N') {
                quoted(pos, '\'', false, Kind.STRING, "unterminated-quoted-string", "string literal");
                return;
            }
        }
        if (len == 1 && e + 1 < n && Character.toUpperCase(s.charAt(pos)) == 'U' && s.charAt(e) == '&'
                && (s.charAt(e + 1) == '\'' || s.charAt(e + 1) == '"')) {
            char q = s.charAt(e + 1);
            quoted(pos, q, false, q == '\'' ? Kind.STRING : Kind.QUOTED_IDENT,
                    q == '\'' ? "unterminated-quoted-string" : "unterminated-quoted-identifier",
                    q == '\'' ? "string literal" : "quoted identifier");
            return;
        }
        String w = s.substring(pos, e);
        emitUntil(Kind.WORD, e);
        if (fileMode) noteWord(w);
    }

    private void noteWord(String w) {
        String upper = w.toUpperCase(Locale.ROOT);
        if (wordsInStatement == 0 && upper.equals("COPY")) copyStatement = true;
        if (copyStatement && upper.equals("STDIN") && previousWord.equals("FROM")) copyFromStdin = true;
        wordsInStatement++;
        previousWord = upper;
    }

    private void endOfStatement() {
        boolean copyData = copyFromStdin;
        wordsInStatement = 0;
        copyStatement = false;
        copyFromStdin = false;
        previousWord = "";
        if (!copyData) return;
        // psql reads the data from the line after the COPY statement up to a line holding only "\."
        int dataStart = lineEnd(pos);
        if (dataStart < s.length()) dataStart++;
        while (pos < dataStart) advance();
        int scan = dataStart;
        int n = s.length();
        while (scan < n) {
            int eol = lineEnd(scan);
            if (s.substring(scan, eol).strip().equals("\\.")) {
                emitUntil(Kind.COPY_DATA, eol);
                return;
            }
            scan = eol < n ? eol + 1 : n;
        }
        if (pos < n) {
            int l = line;
            int c = col;
            emitUntil(Kind.COPY_DATA, n);
            diagnostics.add(new Diagnostic(file, l, c, Diagnostic.Severity.WARNING, "unterminated-copy-data",
                    "COPY … FROM stdin data is not ended by a line holding only \\. ; the rest of the file was read as data"));
        }
    }

    private void blockComment() {
        int start = pos;
        int n = s.length();
        int depth = 0;
        int i = pos;
        while (i < n) {
            char c = s.charAt(i);
            char d = i + 1 < n ? s.charAt(i + 1) : 0;
            if (c == '/' && d == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && d == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    emitUntil(Kind.BLOCK_COMMENT, i);
                    return;
                }
            } else {
                i++;
            }
        }
        broken(start, "unterminated-comment", "block comment '/*' is never closed by '*/'");
    }

    private void quoted(int start, char quote, boolean backslashEscapes, Kind kind, String code, String what) {
        int n = s.length();
        int i = s.indexOf(quote, start) + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < n && s.charAt(i + 1) == '{' && closeBraces.after(i + 2) < n) {
                // a Go template inside quotes ("{{ index .Options "Namespace" }}") is expanded before SQL is read
                i = closeBraces.after(i + 2) + 2;
            } else if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    emitUntil(kind, i + 1);
                    return;
                }
            } else {
                i++;
            }
        }
        broken(start, code, what + " starting here is never closed by " + quote);
    }

    private void backtick() {
        int eol = lineEnd(pos);
        int close = s.indexOf('`', pos + 1);
        if (close > 0 && close < eol) emitUntil(Kind.QUOTED_IDENT, close + 1);
        else emitUntil(Kind.OPERATOR, pos + 1);
    }

    private void dollar(char next) {
        int n = s.length();
        if (isDigit(next)) {
            int e = pos + 1;
            while (e < n && isDigit(s.charAt(e))) e++;
            emitUntil(Kind.PARAM, e);
            return;
        }
        if (next == '{') {
            int close = closeBrace.after(pos + 2);
            if (close < lineEnd(pos)) {
                emitUntil(Kind.PLACEHOLDER, close + 1);
                return;
            }
        }
        int e = pos + 1;
        if (next != '$') {
            if (!isIdentStart(next)) {
                emitUntil(Kind.OPERATOR, pos + 1);
                return;
            }
            while (e < n && isIdentPart(s.charAt(e)) && s.charAt(e) != '$') e++;
            if (e >= n || s.charAt(e) != '$') {
                emitUntil(Kind.OPERATOR, pos + 1);
                return;
            }
        }
        String tag = s.substring(pos, e + 1);
        int close = s.indexOf(tag, e + 1);
        if (close < 0) {
            broken(pos, "unterminated-dollar-quote", "dollar-quoted string " + tag + " is never closed by " + tag);
        } else {
            emitUntil(Kind.DOLLAR_STRING, close + tag.length());
        }
    }

    private void psqlVariable(char next) {
        if (next == '\'' || next == '"') {
            int close = s.indexOf(next, pos + 2);
            if (close > 0 && close < lineEnd(pos)) {
                emitUntil(Kind.PLACEHOLDER, close + 1);
                return;
            }
            emitUntil(Kind.PUNCT, pos + 1);
            return;
        }
        int e = pos + 1;
        while (e < s.length() && isIdentPart(s.charAt(e))) e++;
        emitUntil(Kind.PLACEHOLDER, e);
    }

    private void number() {
        int n = s.length();
        int e = pos;
        if (s.charAt(e) == '0' && e + 1 < n && "xXoObB".indexOf(s.charAt(e + 1)) >= 0) {
            e += 2;
            while (e < n && (Character.isLetterOrDigit(s.charAt(e)) || s.charAt(e) == '_')) e++;
            emitUntil(Kind.NUMBER, e);
            return;
        }
        boolean dot = false;
        while (e < n) {
            char c = s.charAt(e);
            if (isDigit(c) || c == '_') {
                e++;
            } else if (c == '.' && !dot && !(e + 1 < n && s.charAt(e + 1) == '.')) {
                dot = true;
                e++;
            } else if ((c == 'e' || c == 'E') && e + 1 < n && (isDigit(s.charAt(e + 1))
                    || ((s.charAt(e + 1) == '+' || s.charAt(e + 1) == '-') && e + 2 < n && isDigit(s.charAt(e + 2))))) {
                e += 2;
                while (e < n && isDigit(s.charAt(e))) e++;
                break;
            } else {
                break;
            }
        }
        emitUntil(Kind.NUMBER, e);
    }

    /**
     * An unterminated construct: report it where it starts, then skip to the end of the first line (from the one it
     * starts on) that ends with a semicolon, so the statements after it are still analysed.
     */
    private void broken(int start, String code, String message) {
        diagnostics.add(new Diagnostic(file, line, col, Diagnostic.Severity.ERROR, code, message));
        int n = s.length();
        int scan = start;
        int resume = n;
        while (scan < n) {
            int eol = lineEnd(scan);
            String content = s.substring(scan, eol).stripTrailing();
            if (content.endsWith(";")) {
                resume = eol;
                break;
            }
            scan = eol + 1;
        }
        emitUntil(Kind.BROKEN, resume);
        if (fileMode) endOfStatement();
    }

    private void emitUntil(Kind kind, int end) {
        int startPos = pos;
        int l = line;
        int c = col;
        while (pos < end) advance();
        if (end <= startPos) return;
        tokens.add(new Token(kind, s.substring(startPos, end), startPos, end, l, c, lastLine, lastCol));
        lineBlank = false;
    }

    private void advance() {
        char c = s.charAt(pos++);
        lastLine = line;
        lastCol = col;
        if (c == '\n') {
            line++;
            col = 1;
            lineBlank = true;
        } else if (Character.isLowSurrogate(c) && pos >= 2 && Character.isHighSurrogate(s.charAt(pos - 2))) {
            lastCol = col - 1;
        } else {
            col++;
        }
    }

    private int lineEnd(int from) {
        return newline.after(from);
    }

    private final Next newline = new Next("\n");
    private final Next closeBrace = new Next("}");
    private final Next closeBraces = new Next("}}");

    /**
     * Where the next {@code what} is at or after a position (the text's length when there is none), remembered: the
     * lexer moves forward, so a text of many unclosed openers ({@code ${ ${ ${ …}) is searched once, not once per
     * opener (200,000 of them took 68 s).
     */
    private final class Next {
        private final String what;
        private int from = Integer.MAX_VALUE; // where the remembered search started
        private int at;                       // what it found

        Next(String what) {
            this.what = what;
        }

        int after(int position) {
            if (position < from || position > at) {
                int found = s.indexOf(what, position);
                at = found < 0 ? s.length() : found;
                from = position;
            }
            return at;
        }
    }

    private int trimCr(int eol) {
        return eol > pos && s.charAt(eol - 1) == '\r' ? eol - 1 : eol;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && Character.isLetter(c))
                || Character.isSurrogate(c);
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isOperatorChar(char c) {
        return "+-*/<>=~!@#%^&|?".indexOf(c) >= 0;
    }
}
