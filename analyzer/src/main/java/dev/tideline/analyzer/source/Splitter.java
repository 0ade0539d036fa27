package dev.tideline.analyzer.source;

import dev.tideline.analyzer.source.Token.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits PostgreSQL migration text into located statements the way psql does: at semicolons outside quotes,
 * comments, parentheses and {@code BEGIN ATOMIC … END} bodies. Never throws on bad input: it reports.
 * psql meta-commands and {@code delimiter} lines produce no statement but an INFO diagnostic; an unterminated
 * quote or comment drops the statement it is in (ERROR diagnostic) and splitting resumes after it.
 */
public final class Splitter {
    /** Words that start a statement; a semicolon inside unbalanced parentheses still splits before one of them. */
    private static final Set<String> STATEMENT_STARTS = Set.of("CREATE", "ALTER", "DROP", "INSERT", "UPDATE",
            "DELETE", "COMMENT", "GRANT", "REVOKE", "SET", "BEGIN", "COMMIT", "DO", "TRUNCATE", "SELECT", "WITH");
    private static final Set<String> EXECUTING_META = Set.of("\\g", "\\gx", "\\gexec", "\\gset", "\\gdesc", "\\;");

    private final Map<String, String> placeholders;

    public Splitter(Map<String, String> placeholders) {
        this.placeholders = placeholders == null ? Map.of() : placeholders;
    }

    public SplitResult split(Path file, String content) {
        Lexer lexer = Lexer.ofFile(file, content == null ? "" : content);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SqlComment> comments = new ArrayList<>();
        List<SqlStatement> statements = new ArrayList<>();
        Builder current = new Builder(file, content, statements);
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            switch (t.kind()) {
                case LINE_COMMENT, BLOCK_COMMENT ->
                        comments.add(new SqlComment(t.line(), t.column(), t.endLine(), t.endColumn(), t.text()));
                case META_COMMAND -> {
                    String command = t.text().split("\\s+", 2)[0];
                    if (EXECUTING_META.contains(command.toLowerCase(Locale.ROOT))) current.flush();
                    diagnostics.add(info(file, t, "psql-meta-command",
                            "psql meta-command " + command + " is not SQL; skipped"));
                }
                case DELIMITER -> {
                    current.flush();
                    diagnostics.add(info(file, t, "delimiter-line",
                            "MySQL-style delimiter line '" + t.text().strip() + "' is not PostgreSQL; skipped"));
                }
                case COPY_DATA -> { }
                case BROKEN -> current.discard();
                default -> {
                    if (t.isPunct(';') && current.mayEndAt(t, lexer, diagnostics)) current.flush();
                    else current.add(t);
                }
            }
        }
        current.flush();
        // the lexer's own diagnostics (unterminated quotes...) first, as they come from the text itself
        List<Diagnostic> all = new ArrayList<>(lexer.diagnostics());
        all.addAll(diagnostics);
        return new SplitResult(List.copyOf(statements), List.copyOf(all), List.copyOf(comments));
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
        private int parenDepth;
        private int atomicDepth;
        private boolean routine;

        Builder(Path file, String content, List<SqlStatement> out) {
            this.file = file;
            this.content = content;
            this.out = out;
        }

        void add(Token t) {
            if (t.isPunct('(')) parenDepth++;
            else if (t.isPunct(')') && parenDepth > 0) parenDepth--;
            else if (t.kind() == Kind.WORD) trackAtomicBody(t);
            tokens.add(t);
        }

        /** SQL-standard routine bodies ({@code BEGIN ATOMIC … END}) hold semicolons, as psql knows. */
        private void trackAtomicBody(Token t) {
            if (tokens.isEmpty()) {
                routine = t.is("CREATE");
                return;
            }
            if (!routine) return;
            Token prev = tokens.get(tokens.size() - 1);
            if (t.is("ATOMIC") && prev.is("BEGIN")) atomicDepth++;
            else if (atomicDepth > 0 && t.is("CASE")) atomicDepth++;
            else if (atomicDepth > 0 && t.is("END")) atomicDepth--;
        }

        /** psql does not split inside parentheses; we still do when the next line clearly starts a new statement. */
        boolean mayEndAt(Token semicolon, Lexer lexer, List<Diagnostic> diagnostics) {
            if (atomicDepth > 0) return false;
            if (parenDepth == 0) return true;
            Token next = lexer.peek(0);
            for (int j = 1; next != null && next.isComment(); j++) next = lexer.peek(j);
            if (next == null || (next.kind() == Kind.WORD && next.line() > semicolon.line()
                    && STATEMENT_STARTS.contains(next.text().toUpperCase(Locale.ROOT)))) {
                Token first = tokens.get(0);
                diagnostics.add(new Diagnostic(file, first.line(), first.column(), Diagnostic.Severity.WARNING,
                        "unbalanced-parentheses", "statement has more '(' than ')'; split at the semicolon on line "
                        + semicolon.line()));
                return true;
            }
            return false;
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
                String replaced = switch (t.kind()) {
                    case PLACEHOLDER -> placeholderValue(t.text());
                    case QUOTED_IDENT, STRING, DOLLAR_STRING -> substituteInside(t.text());
                    default -> null;
                };
                if (replaced == null) continue;
                sb.append(content, at, t.start()).append(replaced);
                at = t.end();
            }
            return sb.append(content, at, end).toString();
        }

        private void reset() {
            tokens.clear();
            parenDepth = 0;
            atomicDepth = 0;
            routine = false;
        }
    }

    private static final Pattern INNER_PLACEHOLDER =
            Pattern.compile("\\$\\{[^}\\n]*}|\\{\\{.*?}}", Pattern.DOTALL);

    /** Template placeholders written inside quotes, replaced where a value is given; null when nothing changes. */
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
