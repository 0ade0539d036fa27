package dev.tideline.analyzer.source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * pgJDBC's own splitter ({@link Parser#parseJdbcSql}) as the oracle for runners that hand SQL to the server through
 * a driver: the queries it would send for a text, under the {@code standard_conforming_strings} the server has.
 *
 * <p>Where pgJDBC 42.7 itself reads a text differently from the server, it is no oracle and the text is not compared
 * (the psql comparison covers these against the server): it never leaves a {@code BEGIN ATOMIC} body (everything after
 * {@code END} stays in one query, which the server then refuses as several commands in one prepared statement); it
 * ends a block comment at {@code /*}{@code /} (its opening star taken for a closing one) and opens a nested one at
 * {@code *}{@code /*} after closing one; in an {@code E'…'} string, after a doubled quote it stops reading backslash
 * escapes, so {@code E'''\''} ends early; it
 * takes Java's identifier characters for PostgreSQL's, so a {@code $} after a non-breaking space starts a dollar
 * quote for pgJDBC but not for the server, and after a control character the other way round; it rewrites
 * {@code ??} to {@code ?}.
 */
final class PgJdbcSplit {
    private static final Pattern SET = Pattern.compile(
            "(?i)(?:SET\\s+(?:SESSION\\s+)?standard_conforming_strings\\s*(?:=|TO)\\s*'?([a-z0-9]+)'?|RESET\\s+(standard_conforming_strings|ALL))");

    private static final Pattern ATOMIC = Pattern.compile("(?i)\\bBEGIN\\s+ATOMIC\\b");
    /** A character before a {@code $} that PostgreSQL and Java disagree about being part of an identifier. */
    private static final Pattern JAVA_IDENTIFIER_DIFFERS = Pattern.compile(
            "(?:[\\x00-\\x08\\x0E-\\x1B\\x7F]|[\\x{80}-\\x{FFFF}&&[^\\p{javaJavaIdentifierPart}]]|[\\x{10000}-\\x{10FFFF}])\\$");

    private static final Pattern COMMENT_DIFFERS = Pattern.compile("/\\*/|\\*/\\*(?!/)");
    private static final Pattern ESCAPE_STRING_DIFFERS = Pattern.compile("(?<![\\w$\\x{80}-\\x{10FFFF}'\"])[eE]'(?:[^'\\\\]++|\\\\[\\s\\S])*+''");

    private PgJdbcSplit() {
    }

    /**
     * The queries of the text; null when they cannot be placed in it (pgJDBC rewrote {@code ??}) or a statement
     * changes the setting in a way this oracle does not follow, or pgJDBC reads the text differently from the server.
     *
     * @param followSettings true for a runner sending one statement at a time (a SET changes how the next ones are
     *     read); false for one query string, which the server parses with the setting it had before
     */
    static List<String> queries(String text, boolean followSettings) {
        if (ATOMIC.matcher(text).find() || JAVA_IDENTIFIER_DIFFERS.matcher(text).find()
                || COMMENT_DIFFERS.matcher(text).find() || ESCAPE_STRING_DIFFERS.matcher(text).find()) return null;
        List<String> out = new ArrayList<>();
        boolean standard = true;
        int pos = 0;
        List<String> pending = parse(text, standard);
        int next = 0;
        while (next < pending.size()) {
            String query = pending.get(next++);
            int at = text.indexOf(query, pos);
            if (at < 0) return null;
            pos = at + query.length();
            out.add(query);
            if (!followSettings) continue;
            Boolean setting = setting(query);
            if (setting == null && query.toLowerCase(Locale.ROOT).contains("standard_conforming_strings")) return null;
            if (setting != null && setting != standard) {
                standard = setting;
                pending = parse(text.substring(Math.min(pos + 1, text.length())), standard);
                next = 0;
                pos = Math.min(pos + 1, text.length());
            }
        }
        return out;
    }

    private static List<String> parse(String text, boolean standardConformingStrings) {
        try {
            List<NativeQuery> queries = Parser.parseJdbcSql(text, standardConformingStrings, false, true, false, false);
            return queries.stream().map(q -> q.nativeSql).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a SET or RESET statement does to standard_conforming_strings, as the server reads booleans; else null. */
    private static Boolean setting(String query) {
        Matcher m = SET.matcher(query);
        m.region(Boundaries.skip(query, 0, false), query.length());
        if (!m.lookingAt() || Boundaries.skip(query, m.end(), false) != query.length()) return null;
        if (m.group(2) != null) return true;
        String v = m.group(1).toLowerCase(Locale.ROOT);
        if (List.of("on", "true", "yes", "1", "default", "t", "tr", "tru", "y", "ye").contains(v)) return true;
        if (List.of("off", "false", "no", "0", "of", "f", "fa", "fal", "fals", "n").contains(v)) return false;
        return null;
    }
}
