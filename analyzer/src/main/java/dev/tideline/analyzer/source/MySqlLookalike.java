package dev.tideline.analyzer.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Notices, while files are read as PostgreSQL, the marks of a MySQL/MariaDB migration: backtick-quoted identifiers,
 * {@code ENGINE=}, {@code AUTO_INCREMENT}, {@code #} comment lines. One located hint per file, so that the user sets
 * the dialect; the findings themselves stay PostgreSQL's (no guessing).
 */
public final class MySqlLookalike {
    public static final String CODE = "looks-like-mysql";

    private MySqlLookalike() {}

    /** The hint at the file's first MySQL mark, or null when it has none. */
    public static Diagnostic hint(Path file, List<SqlStatement> statements) {
        for (SqlStatement s : statements) {
            if (!mayHaveMarks(s.text())) continue;
            List<Token> tokens = Lexer.ofFragment(s.text(), s.line(), s.column()).tokens();
            for (int i = 0; i < tokens.size(); i++) {
                String mark = mark(tokens, i);
                if (mark == null) continue;
                Token t = tokens.get(i);
                return new Diagnostic(file, t.line(), t.column(), Diagnostic.Severity.INFO, CODE,
                        "this file looks like MySQL (" + mark + "), which tideline reads as PostgreSQL here: set"
                                + " `dialect: mysql` (or mariadb) in tideline.yaml, or pass --dialect mysql");
            }
        }
        return null;
    }

    /** Cheap text test before lexing: almost no PostgreSQL statement has any of these. */
    private static boolean mayHaveMarks(String text) {
        if (text.indexOf('`') >= 0 || text.indexOf('#') >= 0) return true;
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.contains("ENGINE") || upper.contains("AUTO_INCREMENT");
    }

    private static String mark(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (t.kind() == Token.Kind.OPERATOR && t.text().indexOf('`') >= 0) return "a `backtick-quoted` identifier";
        if (t.is("AUTO_INCREMENT")) return "AUTO_INCREMENT";
        if (t.is("ENGINE") && i + 1 < tokens.size() && tokens.get(i + 1).text().equals("=")) return "ENGINE=";
        if (t.kind() == Token.Kind.OPERATOR && t.text().startsWith("#")
                && (i == 0 || tokens.get(i - 1).endLine() < t.line())) return "a # comment";
        return null;
    }
}
