package dev.tideline.mysql.lex;

/**
 * The lexical rules that differ between servers and sessions, as data: whether backslash escapes in strings
 * ({@code NO_BACKSLASH_ESCAPES} off), whether {@code "…"} quotes identifiers ({@code ANSI_QUOTES}), which
 * {@code /*!NNNNN … *}{@code /} version comments run (their content is executed when NNNNN ≤ {@code versionNumber}),
 * and whether {@code /*M! … *}{@code /} comments run (MariaDB only).
 */
public record MySqlLexis(boolean backslashEscapes, boolean ansiQuotes, int versionNumber, boolean mariaDb) {
    /** The lexis of a session with the given sql_mode (as written in SET sql_mode = '…'). */
    public MySqlLexis withSqlMode(String sqlMode) {
        String m = sqlMode.toUpperCase(java.util.Locale.ROOT);
        boolean ansi = m.contains("ANSI_QUOTES") || m.matches(".*\\bANSI\\b.*");
        return new MySqlLexis(!m.contains("NO_BACKSLASH_ESCAPES"), ansi, versionNumber, mariaDb);
    }
}
