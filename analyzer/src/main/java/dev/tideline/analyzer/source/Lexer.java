package dev.tideline.analyzer.source;

import dev.tideline.analyzer.source.Token.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's lexer, as far as statement boundaries go: quoting ({@code '…'} with or without backslash escapes as
 * {@code standard_conforming_strings} says, {@code E'…'}, {@code "…"}, {@code $tag$…$tag$}), nested block comments,
 * and every character from 0x80 up being an identifier character. In file mode it also knows what the
 * {@link Dialect} adds before the server reads the text: psql meta-commands ({@code \;} included), psql variables,
 * and {@code COPY … FROM stdin} data. Template placeholders ({@code {{ … }}}, {@code ${…}}) never change a
 * boundary: the runners that split files do not know them; in fragment mode (one statement, already delimited) a
 * placeholder is read as one opaque identifier. Never throws: an unterminated quote or comment becomes a located
 * {@link Diagnostic} and a {@link Kind#BROKEN} token reaching to the end of the next line that ends with a
 * semicolon, after which lexing resumes.
 *
 * <p>Tokens are made on demand ({@link #next}, {@link #peek}): the splitter holds only the statement it is reading,
 * so a file's memory is its statements, not its tokens (a 26 MB file of INSERTs held 8 million tokens at once).
 */
public final class Lexer {
    private final String s;
    private final Path file;
    private final Dialect dialect; // null: a fragment (one statement's text)
    private final List<Token> tokens = new ArrayList<>(); // lexed, not yet taken by next()
    private int taken;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private int pos;
    private int line;
    private int col;
    private int lastLine;
    private int lastCol;

    // file mode: COPY … FROM stdin, whose data starts on the line after the statement
    private int wordsInStatement;
    private boolean copyStatement;
    private boolean copyFromStdin;
    private String previousWord = "";
    private boolean copyDataNextLine;

    // standard_conforming_strings: `before` until offset `from`, then `after`; null is "not known"
    private Boolean standardStringsBefore = true;
    private Boolean standardStringsAfter = true;
    private int standardStringsFrom;
    private final Set<String> psqlVariables = new HashSet<>();
    // psql's query buffer: holds SQL of the statement being read, and ends with a line comment
    private boolean statementHasSql;
    private boolean statementEndsInLineComment;
    private String uncertainty;

    private Lexer(String text, Path file, Dialect dialect, int line, int column) {
        this.s = text;
        this.file = file;
        this.dialect = dialect;
        this.line = line;
        this.col = column;
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') pos = 1;
    }

    /** Lexes a whole migration file psql would run: meta-commands, variables and COPY data are recognised. */
    public static Lexer ofFile(Path file, String content) {
        return ofFile(file, content, Dialect.PSQL);
    }

    /** Lexes a whole migration file as the given reader sees it. */
    public static Lexer ofFile(Path file, String content, Dialect dialect) {
        return new Lexer(content, file, dialect, 1, 1);
    }

    /** Lexes a fragment (a statement's text) that starts at the given 1-based position of its file. */
    public static Lexer ofFragment(String text, int line, int column) {
        return new Lexer(text, null, null, line, column);
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

    /**
     * From offset {@code from} on, strings are read with {@code standard_conforming_strings} {@code on} (true), off
     * (false: backslash escapes in ordinary strings) or not known (null: read as on, and a backslash in an ordinary
     * string makes every boundary after it {@link #uncertainty() uncertain}).
     */
    public void standardStrings(Boolean on, int from) {
        standardStringsBefore = standardStringsAt(Math.min(from, standardStringsFrom));
        standardStringsAfter = on;
        standardStringsFrom = from;
    }

    private Boolean standardStringsAt(int offset) {
        return offset >= standardStringsFrom ? standardStringsAfter : standardStringsBefore;
    }

    /** Why the boundaries from some point on cannot be known, or null while they can. */
    public String uncertainty() {
        return uncertainty;
    }

    private void uncertain(String why) {
        if (uncertainty == null) uncertainty = why;
    }

    /** Lexes until at least one more token is made; false at the end of the text. */
    private boolean lexOne() {
        int before = tokens.size();
        int n = s.length();
        while (pos < n && tokens.size() == before) {
            char c = s.charAt(pos);
            if (c == '\n' && copyDataNextLine) {
                advance();
                copyData();
            } else if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
                advance();
            } else {
                lexToken(c);
            }
        }
        return tokens.size() > before;
    }

    private void lexToken(char c) {
        int n = s.length();
        char next = pos + 1 < n ? s.charAt(pos + 1) : 0;
        if (c == '-' && next == '-') {
            emitUntil(Kind.LINE_COMMENT, lineCommentEnd(pos));
        } else if (c == '/' && next == '*') {
            blockComment();
        } else if (c == '\'') {
            string(pos, pos);
        } else if (c == '"') {
            quoted(pos, '"', false, Kind.QUOTED_IDENT, "unterminated-quoted-identifier", "quoted identifier");
        } else if (c == '$') {
            dollar(next);
        } else if (c == '{' && next == '{' && dialect == null && template(pos) > 0) {
            emitUntil(Kind.PLACEHOLDER, template(pos));
        } else if (isIdentStart(c)) {
            word();
        } else if (isDigit(c) || (c == '.' && isDigit(next))) {
            number();
        } else if (c == ':' && (next == ':' || next == '=')) {
            emitUntil(Kind.OPERATOR, pos + 2);
        } else if (c == ':' && (isIdentStart(next) || next == '\'' || next == '"')) {
            psqlVariable(next);
        } else if (c == ';') {
            emitUntil(Kind.PUNCT, pos + 1);
            if (dialect != null) endOfStatement();
        } else if ("()[],.:".indexOf(c) >= 0) {
            emitUntil(Kind.PUNCT, pos + 1);
        } else if (c == '\\' && dialect == Dialect.PSQL) {
            backslash(next);
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

    /** A line comment ends at a carriage return as well as at a line feed (PostgreSQL's {@code [^\n\r]*}). */
    private int lineCommentEnd(int from) {
        int n = s.length();
        int i = from;
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') i++;
        return i;
    }

    private void word() {
        int n = s.length();
        int e = pos + 1;
        while (e < n && isIdentPart(s.charAt(e))) e++;
        int len = e - pos;
        if (e < n && s.charAt(e) == '\'' && len == 1 && "EeBbXxNn".indexOf(s.charAt(pos)) >= 0) {
            string(pos, e);
            return;
        }
        if (len == 1 && e + 1 < n && Character.toUpperCase(s.charAt(pos)) == 'U' && s.charAt(e) == '&'
                && (s.charAt(e + 1) == '\'' || s.charAt(e + 1) == '"')) {
            char q = s.charAt(e + 1);
            if (q == '\'') quoted(pos, q, false, Kind.STRING, "unterminated-quoted-string", "string literal");
            else quoted(pos, q, false, Kind.QUOTED_IDENT, "unterminated-quoted-identifier", "quoted identifier");
            return;
        }
        String w = s.substring(pos, e);
        emitUntil(Kind.WORD, e);
        if (dialect != null) noteWord(w);
    }

    /**
     * A string literal starting at {@code start} (its prefix) whose quote is at {@code quote}. Backslash escapes
     * apply in E'…' always, in ordinary and N'…' strings when standard_conforming_strings is off, never in B'…'/X'…'.
     */
    private void string(int start, int quote) {
        char prefix = Character.toUpperCase(s.charAt(start));
        boolean escapes;
        if (start == quote || prefix == 'N') {
            Boolean standard = standardStringsAt(start);
            escapes = Boolean.FALSE.equals(standard);
            if (standard == null) {
                int close = s.indexOf('\'', quote + 1);
                int backslash = s.indexOf('\\', quote + 1);
                if (backslash >= 0 && (close < 0 || backslash < close)) {
                    uncertain("a backslash in a string after standard_conforming_strings was changed in a way this"
                            + " file does not show (SET LOCAL, set_config, a rolled-back transaction)");
                }
            }
        } else {
            escapes = prefix == 'E';
        }
        quoted(start, '\'', escapes, Kind.STRING, "unterminated-quoted-string", "string literal");
    }

    private void noteWord(String w) {
        String upper = w.toUpperCase(Locale.ROOT);
        if (wordsInStatement == 0 && upper.equals("COPY")) copyStatement = true;
        if (copyStatement && upper.equals("STDIN") && previousWord.equals("FROM")) copyFromStdin = true;
        wordsInStatement++;
        previousWord = upper;
    }

    private void endOfStatement() {
        statementHasSql = false;
        copyDataNextLine |= copyFromStdin && dialect != Dialect.SCRIPT;
        wordsInStatement = 0;
        copyStatement = false;
        copyFromStdin = false;
        previousWord = "";
    }

    /**
     * psql (and Flyway) read COPY … FROM stdin data from the line after the statement (the rest of the statement's
     * own line is still SQL) up to a line holding exactly "\.".
     */
    private void copyData() {
        copyDataNextLine = false;
        int n = s.length();
        int scan = pos;
        while (scan < n) {
            int eol = lineEnd(scan);
            String content = s.substring(scan, eol);
            if (content.equals("\\.") || content.equals("\\.\r")) {
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
            if (c == '{' && dialect == null && template(i) > 0) {
                // in one statement's text, a Go template inside quotes ("{{ index .Options "Namespace" }}") is a name
                i = template(i);
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

    /**
     * The end of a {@code {{ … }}} template starting at {@code at}, or 0 when there is none that could be taken
     * for one name: on one line, without a semicolon, a single quote, a dollar or a parenthesis, with its double
     * quotes paired, so reading it as one token never hides what PostgreSQL would read in it.
     */
    private int template(int at) {
        if (!s.startsWith("{{", at)) return 0;
        int close = closeBraces.after(at + 2);
        if (close >= s.length() || close > lineEnd(at)) return 0;
        int quotes = 0;
        for (int i = at + 2; i < close; i++) {
            char c = s.charAt(i);
            if (c == ';' || c == '\'' || c == '$' || c == '(' || c == ')' || c == '\\') return 0;
            if (c == '"') quotes++;
        }
        return quotes % 2 == 0 ? close + 2 : 0;
    }

    private void dollar(char next) {
        int n = s.length();
        if (isDigit(next)) {
            int e = pos + 1;
            while (e < n && isDigit(s.charAt(e))) e++;
            emitUntil(Kind.PARAM, e);
            return;
        }
        if (next == '{' && dialect == null) {
            // ${name} in one statement's text: an opaque name, when nothing PostgreSQL reads is inside it
            int close = closeBrace.after(pos + 2);
            if (close < lineEnd(pos) && s.substring(pos + 2, close).chars().noneMatch(ch -> ";'\"$()\\".indexOf(ch) >= 0)) {
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

    /**
     * psql's {@code :name}, {@code :'name'}, {@code :"name"}. The quoted forms are escaped by psql; a bare
     * {@code :name} is replaced by the variable's raw text, so after a {@code \set} of that name the statement's
     * boundaries depend on a value this analysis does not read.
     */
    private void psqlVariable(char next) {
        int n = s.length();
        if (next == '\'' || next == '"') {
            int e = pos + 2;
            while (e < n && isVariableChar(s.charAt(e))) e++;
            if (e > pos + 2 && e < n && s.charAt(e) == next) emitUntil(Kind.PLACEHOLDER, e + 1);
            else emitUntil(Kind.PUNCT, pos + 1);
            return;
        }
        int e = pos + 1;
        while (e < n && isVariableChar(s.charAt(e))) e++;
        String name = s.substring(pos + 1, e);
        if (dialect == Dialect.PSQL && psqlVariables.contains(name)) {
            uncertain("psql replaces :" + name + " with the text of the variable set by \\set before it splits"
                    + " statements; that text is not analysed");
        }
        emitUntil(Kind.PLACEHOLDER, e);
    }

    /**
     * A backslash outside quotes, under psql: {@code \;} and {@code \:} put a semicolon or colon into the query
     * (the semicolon still separates statements for the server); any other backslash starts a meta-command, whose
     * arguments end at the end of the line, at an unquoted backslash that starts the next meta-command, or at
     * {@code \\}, after which the line is SQL again.
     */
    private void backslash(char next) {
        if (next == ';') {
            emitUntil(Kind.PUNCT, pos + 2);
            endOfStatement();
            statementHasSql = true; // psql has not sent its query buffer: the next statement is added to it
            return;
        }
        if (next == ':') {
            emitUntil(Kind.OPERATOR, pos + 2);
            return;
        }
        int n = s.length();
        int eol = lineEnd(pos);
        int e = pos + 1;
        while (e < eol && !isMetaSpace(s.charAt(e)) && s.charAt(e) != '\\') e++;
        if (e == pos + 1 && e < eol && s.charAt(e) == '\\') e++; // "\\" alone
        String name = s.substring(pos + 1, e).toLowerCase(Locale.ROOT);
        int end = metaArgumentsEnd(name, e, eol);
        boolean sqlResumes = end + 1 < n && s.charAt(end) == '\\' && s.charAt(end + 1) == '\\';
        if (sqlResumes && statementEndsInLineComment && (pos == 0 || s.charAt(pos - 1) == '\n')) {
            // psql drops the newline before a line that starts with a meta-command, so the SQL after its \\ joins
            // the line comment that ended the previous line (found by SplitterDifferentialTest)
            uncertain("psql appends the SQL after \\\\ to the line comment of the line before it");
        }
        String text = s.substring(pos, end).stripTrailing();
        if (name.equals("set")) {
            String[] args = text.split("\\s+");
            if (args.length > 1) psqlVariables.add(args[1]);
        }
        boolean copyFromStdin = name.equals("copy") && text.toLowerCase(Locale.ROOT).matches("(?s).*\\bfrom\\s+stdin\\b.*");
        emitUntil(Kind.META_COMMAND, sqlResumes ? end + 2 : pos + text.length());
        if (sendsQuery("\\" + name)) endOfStatement(); // the next word starts a statement: COPY … FROM stdin after \g
        if (copyFromStdin) copyDataNextLine = true;
    }

    private static final Set<String> SENDS_QUERY = Set.of("\\g", "\\gx", "\\gexec", "\\gset", "\\gdesc",
            "\\crosstabview", "\\watch");

    /** A psql meta-command (backslash included, lower case) that sends the query buffer, ending its statement. */
    static boolean sendsQuery(String command) {
        return SENDS_QUERY.contains(command);
    }

    private int metaArgumentsEnd(String name, int from, int eol) {
        if (WHOLE_LINE_COMMANDS.contains(name)) return eol;
        int i = from;
        while (i < eol) {
            char c = s.charAt(i);
            if (c == '\\') return i;
            if (c == '|' && (i == from || isMetaSpace(s.charAt(i - 1)))) return eol; // a pipe to a command: the rest of the line
            if (c == '\'' || c == '"' || c == '`') {
                i++;
                while (i < eol && s.charAt(i) != c) i += c == '\'' && s.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
        }
        return Math.min(i, eol);
    }

    /** psql commands that take the whole rest of the line as their argument. */
    private static final Set<String> WHOLE_LINE_COMMANDS = Set.of("!", "copy", "ef", "ev", "sf", "sf+", "sv", "sv+",
            "h", "help", "w", "write");

    private static boolean isMetaSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n';
    }

    private void number() {
        int n = s.length();
        int e = pos;
        if (s.charAt(e) == '0' && e + 1 < n && "xXoObB".indexOf(s.charAt(e + 1)) >= 0) {
            e += 2;
            while (e < n && (isDigit(s.charAt(e)) || (s.charAt(e) < 0x80 && Character.isLetter(s.charAt(e))) || s.charAt(e) == '_')) e++;
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
        if (dialect != null) endOfStatement();
    }

    private void emitUntil(Kind kind, int end) {
        int startPos = pos;
        int l = line;
        int c = col;
        while (pos < end) advance();
        if (end <= startPos) return;
        if (kind != Kind.META_COMMAND && kind != Kind.COPY_DATA) {
            statementHasSql |= kind != Kind.LINE_COMMENT && kind != Kind.BLOCK_COMMENT;
            statementEndsInLineComment = statementHasSql && kind == Kind.LINE_COMMENT;
        }
        tokens.add(new Token(kind, s.substring(startPos, end), startPos, end, l, c, lastLine, lastCol));
    }

    private void advance() {
        char c = s.charAt(pos++);
        lastLine = line;
        lastCol = col;
        if (c == '\n') {
            line++;
            col = 1;
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** PostgreSQL's {@code ident_start}: every byte from 0x80 up counts, so every non-ASCII character does. */
    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    /** psql's {@code variable_char}. */
    private static boolean isVariableChar(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isOperatorChar(char c) {
        return "+-*/<>=~!@#%^&|?`".indexOf(c) >= 0;
    }
}
