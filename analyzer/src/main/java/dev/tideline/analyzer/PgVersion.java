package dev.tideline.analyzer;

/** Target PostgreSQL major version; tideline models 12 through 18. */
public record PgVersion(int major) {
    public static final int OLDEST = 12;
    public static final int NEWEST = 18;
    public static final PgVersion DEFAULT = new PgVersion(16);

    public PgVersion {
        if (major < OLDEST || major > NEWEST) {
            throw new IllegalArgumentException(
                    "PostgreSQL " + major + " is not supported: choose a version from " + OLDEST + " to " + NEWEST);
        }
    }

    public boolean atLeast(int version) {
        return major >= version;
    }

    @Override
    public String toString() {
        return Integer.toString(major);
    }
}
