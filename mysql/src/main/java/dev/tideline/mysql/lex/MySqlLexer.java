package dev.tideline.mysql.lex;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.mysql.lex.Lexeme.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lexes MySQL text the way the {@code mysql} client and the server read it: backtick identifiers, {@code '…'} and
 * {@code "…"} strings with backslash escapes (unless NO_BACKSLASH_ESCAPES), {@code #} and {@code -- } comments
 * ({@code --x} without the space is two minus signs, not a comment), {@code /*!NNNNN … *}{@code /} version comments whose
 * content is lexed as code on matching versions, {@code /*+ … *}{@code /} hints, and, in file mode, {@code DELIMITER}
 * commands and the current delimiter. Never throws: an unterminated quote or comment becomes a located
 * {@link Diagnostic} and a {@link Kind#BROKEN} lexeme to the end of the text.
 */
public final class MySqlLexer {
    /** The mysql client's one-letter commands other than {@code \g} and {@code \G} ({@code mysql --help}, "List of all MySQL commands"). */
    private static final String CLIENT_COMMANDS = "?cCdeEhnpPqrRsStTuUwWx.!#";

    private final String s;
    private final Path file;
    private final boolean fileMode;
    private MySqlLexis lexis;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private String delimiter = ";";
    private int pos;
    private int line;
    private int col;
    /** Inside the content of an executed version comment: its closing {@code *}{@code /} is skipped. */
    private boolean inExecutedComment;

    private MySqlLexer(String text, Path file, boolean fileMode, MySqlLexis lexis, int line, int column) {
        this.s = text;
        this.file = file;
        this.fileMode = fileMode;
        this.lexis = lexis;
        this.line = line;
        this.col = column;
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') pos = 1;
    }

    /** A whole file: DELIMITER commands are read and the current delimiter ends statements. */
    public static MySqlLexer ofFile(Path file, String text, MySqlLexis lexis) {
        return new MySqlLexer(text, file, true, lexis, 1, 1);
    }

    /** A statement's text that starts at the given 1-based position of its file; {@code ;} is punctuation. */
    public static MySqlLexer ofFragment(String text, MySqlLexis lexis, int line, int column) {
        return new MySqlLexer(text, null, false, lexis, line, column);
    }

    /** Later strings are read with these rules (a {@code SET sql_mode} statement was split off). */
    public void use(MySqlLexis rules) {
        this.lexis = rules;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** Every remaining lexeme, comments included. */
    public List<Lexeme> all() {
        List<Lexeme> out = new ArrayList<>();
        for (Lexeme l = next(); l != null; l = next()) out.add(l);
        return out;
    }

    /** The next lexeme, or null at the end. */
    public Lexeme next() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance(1);
                continue;
            }
            if (inExecutedComment && s.startsWith("*/", pos)) {
                inExecutedComment = false;
                advance(2);
                continue;
            }
            if (fileMode && atLineStart() && startsWord(pos, "delimiter")) return delimiterCommand();
            if (fileMode && !delimiter.equals(";") && s.startsWith(delimiter, pos)) {
                return make(Kind.TERMINATOR, pos + delimiter.length());
            }
            if (c == '#') return make(Kind.COMMENT, lineEnd(pos));
            if (c == '-' && pos + 1 < s.length() && s.charAt(pos + 1) == '-'
                    && (pos + 2 >= s.length() || Character.isWhitespace(s.charAt(pos + 2))
                        || Character.isISOControl(s.charAt(pos + 2)))) {
                return make(Kind.COMMENT, lineEnd(pos));
            }
            if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                Lexeme l = blockComment();
                if (l != null) return l;
                continue;
            }
            if (c == '\'' || (c == '"' && !lexis.ansiQuotes())) return string(c);
            if (c == '`' || c == '"') return quotedIdent(c);
            if (c == '$' && pos + 1 < s.length() && s.charAt(pos + 1) == '{') {
                int close = s.indexOf('}', pos);
                if (close > 0) return make(Kind.PLACEHOLDER, close + 1);
            }
            if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))
                    && !previousIsWordish())) {
                return number();
            }
            if (isWordStart(c) || c == '@') return word();
            if (fileMode && c == '\\' && pos + 1 < s.length()) {
                char command = s.charAt(pos + 1);
                // The mysql client sends the statement at \g and \G (as at the delimiter); its other commands (\c
                // discards the statement, \d changes the delimiter, \. and \! run files and programs) change what
                // is sent in ways tideline does not follow.
                if (command == 'g' || command == 'G') return make(Kind.TERMINATOR, pos + 2);
                if (CLIENT_COMMANDS.indexOf(command) >= 0) {
                    return broken("client-command", "\\" + command + " is a mysql client command");
                }
            }
            if (c == ';') return make(fileMode && delimiter.equals(";") ? Kind.TERMINATOR : Kind.PUNCT, pos + 1);
            if ("(),.".indexOf(c) >= 0) return make(Kind.PUNCT, pos + 1);
            return operator();
        }
        if (inExecutedComment) {
            inExecutedComment = false;
            diagnostics.add(new Diagnostic(file, line, col, Diagnostic.Severity.WARNING, "unterminated-comment",
                    "version comment /*! … is not closed"));
        }
        return null;
    }

    private boolean atLineStart() {
        for (int i = pos - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '\n') return true;
            if (c != ' ' && c != '\t' && c != '\r' && c != '\uFEFF') return false;
        }
        return true;
    }

    private boolean startsWord(int at, String word) {
        if (!s.regionMatches(true, at, word, 0, word.length())) return false;
        int after = at + word.length();
        return after < s.length() && (s.charAt(after) == ' ' || s.charAt(after) == '\t');
    }

    /** {@code DELIMITER x}: the rest of the line's first word is the new delimiter. */
    private Lexeme delimiterCommand() {
        int end = lineEnd(pos);
        String rest = s.substring(pos + "delimiter".length(), end).strip();
        int space = indexOfWhitespace(rest);
        String d = space < 0 ? rest : rest.substring(0, space);
        if (!d.isEmpty()) delimiter = d;
        return make(Kind.DELIMITER_COMMAND, end);
    }

    private static int indexOfWhitespace(String t) {
        for (int i = 0; i < t.length(); i++) if (Character.isWhitespace(t.charAt(i))) return i;
        return -1;
    }

    private int lineEnd(int from) {
        int nl = s.indexOf('\n', from);
        int end = nl < 0 ? s.length() : nl;
        return end > from && s.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    /** A comment, a hint, or null when the comment is a version comment whose content is code on this version. */
    private Lexeme blockComment() {
        int close = s.indexOf("*/", pos + 2);
        if (close < 0) return broken("unterminated-comment", "comment /* … is not closed");
        boolean mariaOnly = s.startsWith("/*M!", pos);
        if (s.startsWith("/*!", pos) || mariaOnly) {
            int at = pos + (mariaOnly ? 4 : 3);
            int digits = at;
            while (digits < s.length() && digits < at + 6 && Character.isDigit(s.charAt(digits))) digits++;
            int needed = digits - at >= 5 ? Integer.parseInt(s.substring(at, digits)) : 0;
            boolean runs = (!mariaOnly || lexis.mariaDb()) && needed <= lexis.versionNumber();
            if (!runs) return make(Kind.COMMENT, close + 2);
            advance((digits - at >= 5 ? digits : at) - pos);
            inExecutedComment = true;
            return null;
        }
        return make(s.startsWith("/*+", pos) ? Kind.HINT : Kind.COMMENT, close + 2);
    }

    private Lexeme string(char quote) {
        int i = pos + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && lexis.backslashEscapes()) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) i += 2;
                else return make(Kind.STRING, i + 1);
            } else {
                i++;
            }
        }
        return broken("unterminated-string", "string starting with " + quote + " is not closed");
    }

    private Lexeme quotedIdent(char quote) {
        int i = pos + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) i += 2;
                else return make(Kind.IDENT, i + 1);
            } else {
                i++;
            }
        }
        return broken("unterminated-identifier", "identifier starting with " + quote + " is not closed");
    }

    private Lexeme number() {
        int i = pos;
        if (s.startsWith("0x", i) || s.startsWith("0b", i)) {
            i += 2;
            while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) i++;
            return make(Kind.NUMBER, i);
        }
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
            if (j < s.length() && Character.isDigit(s.charAt(j))) {
                i = j;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            }
        }
        // identifiers may start with digits (1col): keep such a run one word
        if (i < s.length() && isWordPart(s.charAt(i)) && !Character.isDigit(s.charAt(i))) return word();
        return make(Kind.NUMBER, i);
    }

    private Lexeme word() {
        int i = pos;
        while (i < s.length() && s.charAt(i) == '@') i++;
        if (i < s.length() && (s.charAt(i) == '`' || s.charAt(i) == '\'' || s.charAt(i) == '"')) {
            char q = s.charAt(i);
            int close = s.indexOf(q, i + 1);
            return make(Kind.WORD, close < 0 ? i : close + 1);
        }
        while (i < s.length() && isWordPart(s.charAt(i))) {
            if (fileMode && !delimiter.equals(";") && s.startsWith(delimiter, i)) break;
            i++;
        }
        if (i == pos) i++;
        // a charset introducer or N/X/B prefix glued to a string: _utf8mb4'x', N'x', X'ff'
        if (i < s.length() && s.charAt(i) == '\'' && (s.charAt(pos) == '_' || i - pos == 1)) {
            int start = pos;
            int startLine = line;
            int startColumn = col;
            advanceTo(i);
            Lexeme str = string('\'');
            return new Lexeme(str.kind(), s.substring(start, str.end()), start, str.end(), startLine, startColumn,
                    str.endLine(), str.endColumn());
        }
        return make(Kind.WORD, i);
    }

    private Lexeme operator() {
        int i = pos + 1;
        while (i < s.length() && "<>=!|&:-+*/%^~".indexOf(s.charAt(i)) >= 0 && i - pos < 3
                && !s.startsWith("--", i) && !s.startsWith("/*", i)
                && !(fileMode && !delimiter.equals(";") && s.startsWith(delimiter, i))) {
            i++;
        }
        return make(Kind.OPERATOR, i);
    }

    private boolean previousIsWordish() {
        return pos > 0 && isWordPart(s.charAt(pos - 1));
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c > 0x7f;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    private Lexeme broken(String code, String message) {
        diagnostics.add(new Diagnostic(file, line, col, Diagnostic.Severity.ERROR, code, message
                + ": the rest of the file is not analysed"));
        return make(Kind.BROKEN, s.length());
    }

    private Lexeme make(Kind kind, int end) {
        int start = pos;
        int l = line;
        int c = col;
        advanceTo(end - 1);
        int el = line;
        int ec = col;
        advance(1);
        return new Lexeme(kind, s.substring(start, end), start, end, l, c, el, ec);
    }

    private void advanceTo(int target) {
        advance(target - pos);
    }

    private void advance(int n) {
        for (int k = 0; k < n && pos < s.length(); k++) {
            if (s.charAt(pos) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            pos++;
        }
    }
}
