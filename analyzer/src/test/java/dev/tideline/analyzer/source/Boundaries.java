package dev.tideline.analyzer.source;

import java.util.List;

/**
 * Compares where statements end: the units an oracle reports (pgJDBC's queries, psql's sent query buffers) with
 * tideline's statement texts, in order. Only what PostgreSQL skips anyway may differ: whitespace, comments and, where
 * psql joined statements with {@code \;} into one buffer, the semicolons between them.
 */
final class Boundaries {
    private Boundaries() {
    }

    /** Where they first disagree: at tideline's statement {@code index} (0-based), and how. */
    record Disagreement(int index, String message) {}

    /**
     * Null when they agree, else where they first disagree. {@code joined}: a unit may hold several statements
     * separated by semicolons (a psql buffer, which the server splits).
     */
    static Disagreement disagreement(List<String> units, List<String> statements, boolean joined) {
        int k = 0;
        for (int u = 0; u < units.size(); u++) {
            String unit = units.get(u);
            int at = skip(unit, 0, joined);
            while (at < unit.length()) {
                if (k >= statements.size()) {
                    return new Disagreement(k, "the oracle has statement " + show(unit.substring(at)) + " that tideline does not");
                }
                String statement = statements.get(k);
                if (!unit.startsWith(statement, at)) {
                    return new Disagreement(k, "statement " + (k + 1) + ": the oracle reads " + show(unit.substring(at))
                            + ", tideline " + show(statement));
                }
                int next = skip(unit, at + statement.length(), joined);
                boolean separated = next == unit.length() || unit.substring(at + statement.length(), next).indexOf(';') >= 0;
                if (!separated) {
                    return new Disagreement(k, "statement " + (k + 1) + ": the oracle reads on past tideline's end: "
                            + show(unit.substring(at)) + ", tideline " + show(statement));
                }
                k++;
                at = next;
            }
        }
        return k < statements.size()
                ? new Disagreement(k, "tideline has statement " + show(statements.get(k)) + " that the oracle does not") : null;
    }

    /** Past whitespace, comments (nested block comments, line comments ended by LF or CR) and, if allowed, semicolons. */
    static int skip(String s, int from, boolean semicolons) {
        int i = from;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B' || (semicolons && c == ';')) {
                i++;
            } else if (s.startsWith("--", i)) {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') i++;
            } else if (s.startsWith("/*", i)) {
                int depth = 0;
                do {
                    if (s.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < n);
                if (depth > 0) return from; // an unclosed comment is not something to skip
            } else {
                break;
            }
        }
        return i;
    }

    private static String show(String s) {
        String cut = s.length() > 160 ? s.substring(0, 160) + "…" : s;
        return "«" + cut.replace("\r", "\\r").replace("\n", "\\n") + "»";
    }
}
