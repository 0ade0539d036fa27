package dev.tideline.analyzer.locks;

import dev.tideline.analyzer.model.Operation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The TimeZone a migration file sets for its later statements, as far as the lock model needs it: a zone whose offset
 * is zero at all times makes timestamp ↔ timestamptz binary-coercible on PostgreSQL 12+, so the table is not rewritten.
 * A zone neither the file nor the caller sets is unknown and counts as not UTC (the server's default may be anything).
 * SET LOCAL counts only inside an explicit BEGIN … COMMIT: outside one it has no effect.
 */
public final class SessionTimeZone {
    private static final Set<String> ZERO_OFFSET = Set.of("UTC", "ETC/UTC", "UCT", "ETC/UCT", "ZULU", "ETC/ZULU", "GMT",
            "ETC/GMT", "UNIVERSAL", "ETC/UNIVERSAL", "Z");

    private String session;
    private String local;
    private boolean inBlock;

    /** @param initial the session's zone before the file's first statement (a traced server's), or null */
    public SessionTimeZone(String initial) {
        this.session = initial;
    }

    /** Takes in one statement's operations, in file order. */
    public void accept(List<Operation> statement) {
        for (Operation op : statement) {
            if (op instanceof Operation.Transaction t) {
                switch (t.kind()) {
                    case BEGIN -> inBlock = true;
                    case COMMIT, ROLLBACK, PREPARE -> {
                        inBlock = false;
                        local = null;
                    }
                    default -> { }
                }
            } else if (op instanceof Operation.SetSetting s && s.name().equalsIgnoreCase("timezone")) {
                if (!s.local()) {
                    session = s.value();
                    local = null;
                } else if (inBlock) {
                    local = s.value();
                }
            }
        }
    }

    /** Whether the statements that follow run with a zero-offset TimeZone. */
    public boolean utc() {
        String zone = local != null ? local : session;
        return zone != null && ZERO_OFFSET.contains(zone.strip().toUpperCase(Locale.ROOT));
    }
}
