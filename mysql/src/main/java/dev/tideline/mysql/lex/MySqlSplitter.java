package dev.tideline.mysql.lex;

import dev.tideline.analyzer.source.SplitResult;
import dev.tideline.analyzer.source.SqlComment;
import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.lex.Lexeme.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a MySQL migration file into located statements as the {@code mysql} client does: at the current delimiter
 * outside quotes and comments, {@code DELIMITER x} lines changing it; between goose's {@code -- +goose StatementBegin}
 * and {@code StatementEnd} nothing splits. A {@code SET sql_mode} that turns NO_BACKSLASH_ESCAPES or ANSI_QUOTES on or
 * off changes how the rest of the file is read, as it does for the server.
 */
public final class MySqlSplitter {
    private final MySqlLexis lexis;

    public MySqlSplitter(MySqlLexis lexis) {
        this.lexis = lexis;
    }

    public SplitResult split(Path file, String content) {
        String text = content == null ? "" : content;
        MySqlLexer lexer = MySqlLexer.ofFile(file, text, lexis);
        List<SqlStatement> statements = new ArrayList<>();
        List<SqlComment> comments = new ArrayList<>();
        List<Lexeme> current = new ArrayList<>();
        boolean gooseBlock = false;
        for (Lexeme l = lexer.next(); l != null; l = lexer.next()) {
            switch (l.kind()) {
                case COMMENT -> {
                    comments.add(new SqlComment(l.line(), l.column(), l.endLine(), l.endColumn(), l.text()));
                    String goose = gooseAnnotation(l.text());
                    if (goose.equals("statementbegin")) {
                        flush(file, text, current, statements, lexer);
                        gooseBlock = true;
                    } else if (goose.equals("statementend")) {
                        flush(file, text, current, statements, lexer);
                        gooseBlock = false;
                    }
                }
                case DELIMITER_COMMAND -> flush(file, text, current, statements, lexer);
                case TERMINATOR -> {
                    if (gooseBlock) current.add(l);
                    else flush(file, text, current, statements, lexer);
                }
                case BROKEN -> current.clear();
                default -> current.add(l);
            }
        }
        flush(file, text, current, statements, lexer);
        return new SplitResult(List.copyOf(statements), List.copyOf(lexer.diagnostics()), List.copyOf(comments));
    }

    /** {@code statementbegin} for {@code -- +goose StatementBegin}, else the empty string. */
    private static String gooseAnnotation(String comment) {
        if (!comment.startsWith("--")) return "";
        String t = comment.substring(2).strip().toLowerCase(Locale.ROOT);
        return t.startsWith("+goose ") ? t.substring(7).strip().replace(" ", "") : "";
    }

    private void flush(Path file, String text, List<Lexeme> tokens, List<SqlStatement> out, MySqlLexer lexer) {
        int last = tokens.size() - 1;
        while (last >= 0 && (tokens.get(last).isComment() || tokens.get(last).kind() == Kind.TERMINATOR)) last--;
        int first = 0;
        while (first <= last && tokens.get(first).kind() == Kind.HINT) first++;
        if (first <= last) {
            Lexeme a = tokens.get(first);
            Lexeme b = tokens.get(last);
            out.add(new SqlStatement(file, out.size(), a.line(), a.column(), b.endLine(), b.endColumn(),
                    text.substring(a.start(), b.end())));
            String mode = sqlMode(tokens.subList(first, last + 1));
            if (mode != null) lexer.use(lexis.withSqlMode(mode));
        }
        tokens.clear();
    }

    /** The new sql_mode of {@code SET [SESSION|GLOBAL] sql_mode = '…'}, else null. */
    static String sqlMode(List<Lexeme> t) {
        if (t.isEmpty() || !t.get(0).is("SET")) return null;
        for (int i = 1; i + 2 < t.size(); i++) {
            String w = t.get(i).text().toLowerCase(Locale.ROOT).replace("@@", "").replace("session.", "");
            if (w.equals("sql_mode") && t.get(i + 1).text().matches("=|:=") && t.get(i + 2).kind() == Kind.STRING) {
                String q = t.get(i + 2).text();
                return q.substring(1, q.length() - 1);
            }
        }
        return null;
    }
}
