package dev.tideline.mysql.effects;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an ALGORITHM/LOCK clause into a statement where the server's grammar puts it: after the sub-commands of
 * {@code ALTER TABLE}, before them for partition commands (MySQL accepts only that form), after {@code CREATE INDEX …}
 * and {@code DROP INDEX … ON t}. Other statements ({@code RENAME TABLE}, {@code OPTIMIZE}, {@code TRUNCATE}, …) take none.
 */
public final class ClauseSql {
    private static final Pattern ALTER_HEAD = Pattern.compile("(?is)(ALTER\\s+TABLE\\s+\\S+\\s+)(.*)");
    private static final Pattern PARTITION_COMMAND = Pattern.compile(
            "(?is)\\s*(ADD|DROP|TRUNCATE|REORGANIZE|COALESCE|REBUILD|EXCHANGE|ANALYZE|CHECK|OPTIMIZE|REPAIR|DISCARD|IMPORT)\\s+PARTITION\\b.*"
                    + "|\\s*REMOVE\\s+PARTITIONING\\b.*|\\s*PARTITION\\s+BY\\b.*");

    private ClauseSql() {}

    /** The statement with the clause, or empty when the statement has no place for one. */
    /** The statement with the clause, or empty when the statement has no place for one. */
    public static Optional<String> with(String statement, Clause clause) {
        return with(statement, clause.algorithm() == null ? null : clause.algorithm().name(),
                clause.lock() == null ? null : clause.lock().name());
    }

    public static Optional<String> with(String statement, String algorithm, String lock) {
        String a = algorithm == null ? "" : "ALGORITHM=" + algorithm;
        String l = lock == null ? "" : "LOCK=" + lock;
        String clause = a.isEmpty() || l.isEmpty() ? a + l : a + ", " + l;
        if (clause.isEmpty()) return Optional.of(statement);
        String head = statement.strip().toUpperCase(Locale.ROOT);
        Matcher alter = ALTER_HEAD.matcher(statement);
        if (head.startsWith("ALTER TABLE") && alter.matches()) {
            return Optional.of(PARTITION_COMMAND.matcher(alter.group(2)).matches()
                    ? alter.group(1) + clause + ", " + alter.group(2)
                    : statement + ", " + clause);
        }
        if (head.matches("(?s)CREATE\\s+(UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\b.*") || head.matches("(?s)DROP\\s+INDEX\\b.*")) {
            return Optional.of(statement + " " + clause.replace(",", ""));
        }
        return Optional.empty();
    }
}
