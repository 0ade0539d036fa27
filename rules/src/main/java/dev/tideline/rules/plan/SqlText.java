package dev.tideline.rules.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading pieces out of statement text at parenthesis depth 0, outside quotes and comments. */
final class SqlText {
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?((?:\"(?:[^\"]|\"\")*\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"(?:[^\"]|\"\")*\"|[\\w$]+))?)\\s+");
    private static final Pattern UPDATE = Pattern.compile(
            "(?is)^\\s*UPDATE\\s+(?:ONLY\\s+)?((?:\"(?:[^\"]|\"\")*\"|[\\w$]+)(?:\\s*\\.\\s*(?:\"(?:[^\"]|\"\")*\"|[\\w$]+))?)\\s+SET\\s+");

    private SqlText() {}

    /** The sub-commands of an ALTER TABLE, as written; empty when the text is not a plain ALTER TABLE. */
    static List<String> alterClauses(String statement) {
        Matcher m = ALTER_TABLE.matcher(statement);
        if (!m.find()) return List.of();
        return split(stripSemicolon(statement.substring(m.end())), ',');
    }

    /** {@code UPDATE t SET …[ WHERE …]}: the SET list and the WHERE (null when none); null when other clauses occur. */
    static String[] update(String statement) {
        Matcher m = UPDATE.matcher(statement);
        if (!m.find()) return null;
        String rest = stripSemicolon(statement.substring(m.end()));
        for (String kw : List.of("FROM", "RETURNING", "WHERE CURRENT OF")) {
            if (kw.equals("WHERE CURRENT OF") ? rest.toUpperCase(Locale.ROOT).matches("(?s).*\\bWHERE\\s+CURRENT\\s+OF\\b.*")
                    : topLevel(rest, kw) >= 0) return null;
        }
        int where = topLevel(rest, "WHERE");
        if (where < 0) return new String[] {rest.strip(), null};
        return new String[] {rest.substring(0, where).strip(), rest.substring(where + 5).strip()};
    }

    static String stripSemicolon(String s) {
        String t = s.strip();
        while (t.endsWith(";")) t = t.substring(0, t.length() - 1).strip();
        return t;
    }

    /** Splits at depth-0 occurrences of {@code sep}. */
    static List<String> split(String text, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int skip = skipQuoted(text, i);
            if (skip > i) {
                i = skip - 1;
                continue;
            }
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == sep && depth == 0) {
                out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = text.substring(start).strip();
        if (!last.isEmpty()) out.add(last);
        return out;
    }

    /** Index of a keyword at depth 0 (as a whole word), or -1. */
    static int topLevel(String text, String keyword) {
        int depth = 0;
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < text.length(); i++) {
            int skip = skipQuoted(text, i);
            if (skip > i) {
                i = skip - 1;
                continue;
            }
            char c = text.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && upper.startsWith(keyword, i)
                    && (i == 0 || !Character.isLetterOrDigit(upper.charAt(i - 1)) && upper.charAt(i - 1) != '_')
                    && (i + keyword.length() >= upper.length() || !Character.isLetterOrDigit(upper.charAt(i + keyword.length()))
                        && upper.charAt(i + keyword.length()) != '_')) {
                return i;
            }
        }
        return -1;
    }

    /** When a quoted literal, quoted identifier, dollar quote or comment starts at i: the index after it; else i. */
    private static int skipQuoted(String s, int i) {
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < s.length()) {
                if (s.charAt(j) == c) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return s.length();
        }
        if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
            int nl = s.indexOf('\n', i);
            return nl < 0 ? s.length() : nl + 1;
        }
        if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? s.length() : end + 2;
        }
        if (c == '$') {
            Matcher m = Pattern.compile("\\$[A-Za-z_]*\\$").matcher(s).region(i, s.length());
            if (m.lookingAt()) {
                int end = s.indexOf(m.group(), m.end());
                return end < 0 ? s.length() : end + m.group().length();
            }
        }
        return i;
    }
}
