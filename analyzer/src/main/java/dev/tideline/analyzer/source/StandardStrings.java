package dev.tideline.analyzer.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Follows {@code standard_conforming_strings} through a file's statements, because it decides whether a backslash
 * escapes the quote that would end an ordinary string, and so where statements end. What the file does not show
 * fully (SET LOCAL, {@code set_config}, a SET in a transaction that is rolled back) makes the setting not known.
 */
final class StandardStrings {
    private static final String NAME = "STANDARD_CONFORMING_STRINGS";

    /** The setting after a statement: on (true), off (false) or not known (null). */
    record Change(Boolean on) {}

    private boolean inTransaction;
    private boolean changedInTransaction;

    /** What the statement of these tokens does to the setting; null when nothing. */
    Change after(List<Token> tokens) {
        List<String> words = new ArrayList<>();
        boolean mentioned = false;
        for (Token t : tokens) {
            if (t.isComment()) continue;
            String upper = t.text().toUpperCase(Locale.ROOT);
            if (upper.contains(NAME)) mentioned = true;
            words.add(t.kind() == Token.Kind.STRING ? upper.replace("'", "") : upper);
        }
        if (words.isEmpty()) return null;
        String first = words.get(0);
        if (first.equals("BEGIN") || (first.equals("START") && words.size() > 1 && words.get(1).equals("TRANSACTION"))) {
            inTransaction = true;
            changedInTransaction = false;
            return null;
        }
        if (first.equals("COMMIT") || first.equals("END")) {
            inTransaction = false;
            return null;
        }
        if (first.equals("ROLLBACK") || first.equals("ABORT")) {
            boolean undone = changedInTransaction;
            if (!words.contains("TO")) inTransaction = false; // ROLLBACK TO SAVEPOINT stays in the transaction
            return undone ? new Change(null) : null;
        }
        Change change = change(words, mentioned);
        if (change != null && inTransaction) changedInTransaction = true;
        return change;
    }

    private static Change change(List<String> words, boolean mentioned) {
        String first = words.get(0);
        if (first.equals("RESET") && words.size() == 2 && (words.get(1).equals(NAME) || words.get(1).equals("ALL"))) {
            return new Change(true);
        }
        if (first.equals("DISCARD") && words.size() == 2 && words.get(1).equals("ALL")) return new Change(true);
        if (!mentioned) return null;
        // ALTER DATABASE/ROLE … SET applies to later sessions, not to this one
        if (first.equals("ALTER")) return null;
        int i = 1;
        if (first.equals("SET") && i < words.size() && words.get(i).equals("SESSION")) i++;
        if (!first.equals("SET") || words.size() != i + 3 || !words.get(i).equals(NAME)
                || !(words.get(i + 1).equals("=") || words.get(i + 1).equals("TO"))) {
            return new Change(null);
        }
        String value = words.get(i + 2);
        if (value.equals("DEFAULT")) return new Change(true);
        Boolean on = parseBool(value.toLowerCase(Locale.ROOT));
        return on == null ? null : new Change(on); // a value the server refuses changes nothing
    }

    /** PostgreSQL's parse_bool: on/off, true/false, yes/no and their unique prefixes, 1/0. */
    static Boolean parseBool(String v) {
        if (v.isEmpty()) return null;
        if (v.equals("on") || v.equals("1") || "true".startsWith(v) || "yes".startsWith(v)) return true;
        if ((v.length() >= 2 && "off".startsWith(v)) || v.equals("0") || "false".startsWith(v) || "no".startsWith(v)) {
            return false;
        }
        return null;
    }
}
