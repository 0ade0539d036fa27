package dev.tideline.mysql.effects;

/**
 * An explicit {@code ALGORITHM=…}, {@code LOCK=…} clause; a null part was not written ({@code DEFAULT}).
 */
public record Clause(Algorithm algorithm, LockLevel lock) {
    public static final Clause DEFAULT = new Clause(null, null);

    public static Clause of(Algorithm algorithm, LockLevel lock) {
        return new Clause(algorithm, lock);
    }

    public boolean isDefault() {
        return algorithm == null && lock == null;
    }

    /** The clause as SQL, e.g. {@code ALGORITHM=INPLACE, LOCK=NONE}; empty for the default. */
    public String sql() {
        String a = algorithm == null ? "" : "ALGORITHM=" + algorithm;
        String l = lock == null ? "" : "LOCK=" + lock;
        return a.isEmpty() || l.isEmpty() ? a + l : a + ", " + l;
    }
}
