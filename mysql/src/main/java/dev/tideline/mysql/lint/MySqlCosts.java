package dev.tideline.mysql.lint;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.DdlEffect;
import dev.tideline.mysql.effects.LockLevel;

/** What a predicted effect costs the application, in words: the one place the wing's rules word algorithms and locks. */
public final class MySqlCosts {
    private MySqlCosts() {}

    /** What the target server does, e.g. {@code MySQL 8.0 copies the table row by row (…): writes blocked …}. */
    public static String on(MySqlVersion version, DdlEffect e) {
        if (e.algorithm() == null) return version.display() + " refuses it (" + e.notes().get(e.notes().size() - 1) + ")";
        return version.display() + " " + of(e);
    }

    /** E.g. {@code rebuilds the table in place (ALGORITHM=INPLACE, LOCK=NONE): reads and writes continue while …}. */
    public static String of(DdlEffect e) {
        String clause = e.algorithm() == Algorithm.INSTANT ? "ALGORITHM=INSTANT"
                : "ALGORITHM=" + e.algorithm() + ", LOCK=" + e.lock();
        return switch (e.algorithm()) {
            case INSTANT -> "changes metadata only (" + clause + "): no row is touched";
            case NOCOPY, INPLACE -> e.rebuild()
                    ? "rebuilds the table in place (" + clause + "): " + during(e.lock()) + " while every row is rewritten,"
                            + " for a time that grows with the table, and replicas replay the rebuild after it"
                    : "runs in place without rebuilding the table (" + clause + "): " + during(e.lock()) + " meanwhile";
            case COPY -> "copies the table row by row (" + clause + "): " + during(e.lock()) + " for the whole copy, and"
                    + " replicas apply the same copy after it";
        };
    }

    private static String during(LockLevel lock) {
        return lock.meaning() + (lock == LockLevel.NONE ? " (but for the exclusive metadata lock at start and end)" : "");
    }
}
