package dev.tideline.analyzer.model;

import java.util.Locale;

/** PostgreSQL table-level lock modes, weakest first, with the conflict table from the documentation. */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgLocksName;

    LockMode(String pgLocksName) {
        this.pgLocksName = pgLocksName;
    }

    /** The name {@code pg_locks.mode} uses. */
    public String pgLocksName() {
        return pgLocksName;
    }

    /** The SQL spelling, e.g. {@code SHARE ROW EXCLUSIVE}. */
    public String sql() {
        return name().replace('_', ' ');
    }

    public static LockMode fromPgLocks(String mode) {
        for (LockMode m : values()) if (m.pgLocksName.equals(mode)) return m;
        throw new IllegalArgumentException("unknown pg_locks mode: " + mode);
    }

    public static LockMode fromSql(String words) {
        return valueOf(words.trim().replaceAll("\\s+", "_").toUpperCase(Locale.ROOT));
    }

    public boolean conflictsWith(LockMode other) {
        return CONFLICTS[ordinal()][other.ordinal()];
    }

    /** SELECT takes ACCESS SHARE. */
    public boolean blocksReads() {
        return conflictsWith(ACCESS_SHARE);
    }

    /** INSERT/UPDATE/DELETE take ROW EXCLUSIVE. */
    public boolean blocksWrites() {
        return conflictsWith(ROW_EXCLUSIVE);
    }

    /**
     * Table 13.2 "Conflicting Lock Modes", one row per mode in declaration order;
     * an X marks a conflict with the mode in that column (same order).
     */
    private static final String[] CONFLICT_ROWS = {
            ".......X", // ACCESS SHARE
            "......XX", // ROW SHARE
            "....XXXX", // ROW EXCLUSIVE
            "...XXXXX", // SHARE UPDATE EXCLUSIVE
            "..XX.XXX", // SHARE
            "..XXXXXX", // SHARE ROW EXCLUSIVE
            ".XXXXXXX", // EXCLUSIVE
            "XXXXXXXX", // ACCESS EXCLUSIVE
    };

    private static final boolean[][] CONFLICTS = new boolean[8][8];

    static {
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) CONFLICTS[i][j] = CONFLICT_ROWS[i].charAt(j) == 'X';
        }
    }
}
