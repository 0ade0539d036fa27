package dev.tideline.analyzer.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits PostgreSQL migration text into located statements where the server will see them end: at semicolons outside
 * quotes, comments, parentheses and the {@code BEGIN ATOMIC … END} body of {@code CREATE [OR REPLACE]
 * FUNCTION/PROCEDURE}, with what the {@link Dialect} adds (psql's meta-commands and {@code \;}, COPY data, and when a
 * {@code SET standard_conforming_strings} starts to count). Never throws on bad input: it reports. psql meta-commands
 * produce no statement but an INFO diagnostic, or an ERROR when they run SQL this analysis cannot see ({@code \gexec},
 * {@code \i}); an unterminated quote or comment drops the statement it is in (ERROR diagnostic) and splitting resumes
 * after it. A statement whose boundaries depend on what the file does not show is listed as uncertain.
 */
public final class Splitter {
    private static final Set<String> UNSEEN_SQL_META = Set.of("\\gexec", "\\i", "\\ir", "\\include",
            "\\include_relative");

    private final Map<String, String> placeholders;
    private final Dialect dialect;

    /** Splits as psql would read the file. */
    public Splitter(Map<String, String> placeholders) {
        this(placeholders, Dialect.PSQL);
    }

    public Splitter(Map<String, String> placeholders, Dialect dialect) {
        this.placeholders = placeholders == null ? Map.of() : placeholders;
        this.dialect = dialect;
    }

    public SplitResult split(Path file, String content) {
        String text = content == null ? "" : content;
        Lexer lexer = Lexer.ofFile(file, text, dialect);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SqlComment> comments = new ArrayList<>();
        List<SqlStatement> statements = new ArrayList<>();
        Map<Integer, String> uncertain = new LinkedHashMap<>();
        StandardStrings standardStrings = new StandardStrings();
        Builder current = new Builder(file, text, statements);
        Runnable flush = () -> {
            List<Token> body = current.tokens();
            int before = statements.size();
            boolean strayParenthesis = current.strayParenthesis;
            current.flush();
            if (statements.size() > before && lexer.uncertainty() != null) {
                uncertain.put(before, lexer.uncertainty());
            } else if (statements.size() > before && strayParenthesis && dialect != Dialect.PSQL) {
                // psql (as tideline) never counts below zero; pgJDBC does, and then ends no statement after it
                uncertain.put(before, "a ')' without its '(': a JDBC driver would not end the statement at any later"
                        + " semicolon, and the server refuses it");
            }
            StandardStrings.Change changed = standardStrings.after(body);
            if (changed != null && dialect != Dialect.SCRIPT) {
                int end = body.get(body.size() - 1).end();
                // psql reads standard_conforming_strings again for each line; a runner, for each statement
                int from = dialect == Dialect.PSQL ? nextLine(text, end) : end;
                lexer.standardStrings(changed.on(), from);
            }
        };
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            switch (t.kind()) {
                case LINE_COMMENT, BLOCK_COMMENT ->
                        comments.add(new SqlComment(t.line(), t.column(), t.endLine(), t.endColumn(), t.text()));
                case META_COMMAND -> {
                    String command = t.text().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
                    if (Lexer.sendsQuery(command)) flush.run();
                    if (UNSEEN_SQL_META.contains(command)) {
                        diagnostics.add(new Diagnostic(file, t.line(), t.column(), Diagnostic.Severity.ERROR,
                                "psql-unseen-sql", "psql meta-command " + command + " runs SQL that is not in this"
                                + " file (" + (command.equals("\\gexec") ? "each value the query returns" : "another file")
                                + "): not analysed; review it by hand"));
                    } else {
                        diagnostics.add(info(file, t, "psql-meta-command", "psql meta-command " + command + " is not SQL; skipped"));
                    }
                }
                case COPY_DATA -> { }
                case BROKEN -> current.discard();
                default -> {
                    if (t.isSemicolon() && (t.text().length() == 2 || current.mayEnd())) {
                        flush.run();
                    } else {
                        current.add(t);
                    }
                }
            }
        }
        current.unclosed(diagnostics);
        flush.run();
        // the lexer's own diagnostics (unterminated quotes...) first, as they come from the text itself
        List<Diagnostic> all = new ArrayList<>(lexer.diagnostics());
        all.addAll(diagnostics);
        return new SplitResult(List.copyOf(statements), List.copyOf(all), List.copyOf(comments), Map.copyOf(uncertain));
    }

    private static int nextLine(String text, int from) {
        int eol = text.indexOf('\n', from);
        return eol < 0 ? text.length() : eol + 1;
    }

    private static Diagnostic info(Path file, Token t, String code, String message) {
        return new Diagnostic(file, t.line(), t.column(), Diagnostic.Severity.INFO, code, message);
    }

    /** Collects the tokens of the statement being read. */
    private final class Builder {
        private final Path file;
        private final String content;
        private final List<SqlStatement> out;
        private final List<Token> tokens = new ArrayList<>();
        private final List<String> leadingWords = new ArrayList<>(4);
        private int parenDepth;
        private int atomicDepth;
        private boolean afterBegin;
        private boolean strayParenthesis;

        Builder(Path file, String content, List<SqlStatement> out) {
            this.file = file;
            this.content = content;
            this.out = out;
        }

        List<Token> tokens() {
            return List.copyOf(tokens);
        }

        void add(Token t) {
            if (t.isPunct('(')) parenDepth++;
            else if (t.isPunct(')') && parenDepth > 0) parenDepth--;
            else if (t.isPunct(')')) strayParenthesis = true; // psql never counts below zero
            else if (t.kind() == Token.Kind.WORD) trackAtomicBody(t);
            tokens.add(t);
        }

        /**
         * A SQL-standard routine body ({@code BEGIN ATOMIC … END}) holds semicolons, and exists only in
         * {@code CREATE [OR REPLACE] FUNCTION/PROCEDURE}; inside it, CASE … END nests.
         */
        private void trackAtomicBody(Token t) {
            String w = t.text().toUpperCase(Locale.ROOT);
            if (leadingWords.size() < 4) leadingWords.add(w);
            if (!routine()) return;
            if (atomicDepth > 0) {
                if (w.equals("CASE")) atomicDepth++;
                else if (w.equals("END")) atomicDepth--;
            } else if (afterBegin && w.equals("ATOMIC") && parenDepth == 0) {
                atomicDepth = 1;
            }
            afterBegin = w.equals("BEGIN") && parenDepth == 0;
        }

        private boolean routine() {
            List<String> w = leadingWords;
            if (w.isEmpty() || !w.get(0).equals("CREATE")) return false;
            int kind = w.size() > 3 && w.get(1).equals("OR") && w.get(2).equals("REPLACE") ? 3 : 1;
            return w.size() > kind && (w.get(kind).equals("FUNCTION") || w.get(kind).equals("PROCEDURE"));
        }

        boolean mayEnd() {
            return parenDepth == 0 && atomicDepth == 0;
        }

        /** At the end of the text: a statement still open reaches to it, as it does for psql and the server. */
        void unclosed(List<Diagnostic> diagnostics) {
            if (tokens.isEmpty() || mayEnd()) return;
            Token first = tokens.get(0);
            diagnostics.add(new Diagnostic(file, first.line(), first.column(), Diagnostic.Severity.WARNING,
                    "unbalanced-parentheses", parenDepth > 0
                    ? "statement has more '(' than ')': psql and the server read the rest of the file as part of it"
                    : "BEGIN ATOMIC body is never closed by END: the rest of the file is part of this statement"));
        }

        void discard() {
            reset();
        }

        void flush() {
            int firstIndex = 0;
            while (firstIndex < tokens.size() && tokens.get(firstIndex).isComment()) firstIndex++;
            int lastIndex = tokens.size() - 1;
            while (lastIndex >= firstIndex && tokens.get(lastIndex).isComment()) lastIndex--;
            if (firstIndex <= lastIndex) {
                Token first = tokens.get(firstIndex);
                Token last = tokens.get(lastIndex);
                out.add(new SqlStatement(file, out.size(), first.line(), first.column(), last.endLine(),
                        last.endColumn(), text(firstIndex, lastIndex)));
            }
            reset();
        }

        private String text(int firstIndex, int lastIndex) {
            int start = tokens.get(firstIndex).start();
            int end = tokens.get(lastIndex).end();
            if (placeholders.isEmpty()) return content.substring(start, end);
            StringBuilder sb = new StringBuilder();
            int at = start;
            for (int i = firstIndex; i <= lastIndex; i++) {
                Token t = tokens.get(i);
                String replaced = t.kind() == Token.Kind.PLACEHOLDER ? placeholderValue(t.text()) : null;
                if (replaced == null) continue;
                sb.append(content, at, t.start()).append(replaced);
                at = t.end();
            }
            String text = sb.append(content, at, end).toString();
            String inner = substituteInside(text);
            return inner == null ? text : inner;
        }

        private void reset() {
            tokens.clear();
            leadingWords.clear();
            parenDepth = 0;
            atomicDepth = 0;
            afterBegin = false;
            strayParenthesis = false;
        }
    }

    private static final Pattern INNER_PLACEHOLDER =
            Pattern.compile("\\$\\{[^}\\n]*}|\\{\\{.*?}}", Pattern.DOTALL);

    /** Template placeholders in a statement's text (in quotes or not), replaced where a value is given; null when nothing changes. */
    private String substituteInside(String text) {
        if (text.indexOf("${") < 0 && text.indexOf("{{") < 0) return null;
        Matcher m = INNER_PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            String value = placeholderValue(m.group());
            if (value != null) changed = true;
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(sb);
        return changed ? sb.toString() : null;
    }

    /** Looks a placeholder up by its full text, then by its inner name ({@code ${name}}, {@code {{ … }}}, {@code :name}). */
    private String placeholderValue(String text) {
        String value = placeholders.get(text);
        if (value != null) return value;
        String inner;
        if (text.startsWith("${")) inner = text.substring(2, text.length() - 1);
        else if (text.startsWith("{{")) inner = text.substring(2, text.length() - 2);
        else if (text.startsWith(":'") || text.startsWith(":\"")) inner = text.substring(2, text.length() - 1);
        else if (text.startsWith(":")) inner = text.substring(1);
        else return null;
        return placeholders.get(inner.strip());
    }
}
