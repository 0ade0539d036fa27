package dev.tideline.rules.plan;

/** What a step does in the expand → backfill → contract sequence. */
public enum Phase {
    /** Adds what the new application version needs, keeping the old version working. */
    EXPAND,
    /** Copies or computes data in batches while both versions run. */
    BACKFILL,
    /** Removes what only the old application version needed. */
    CONTRACT,
    /** Checks a gate condition (read-only). */
    VERIFY;

    /** Lower-case name used in JSON and file names. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
