package dev.tideline.trace.conformance;

/**
 * One row of the conformance table: a schema with rows, then the statement whose locks, rewrite and scan the analyzer
 * predicts and the server shows.
 *
 * @param setup    SQL run (committed) before the statement; the analyzer replays it too, so it knows the schema
 * @param minMajor the oldest PostgreSQL major version that has the statement
 */
record ConformanceCase(String name, String setup, String statement, int minMajor) {
    /** Stands for an empty directory the server can use as a tablespace location. */
    static final String TABLESPACE_DIR = "@TABLESPACE_DIR@";

    boolean needsTablespace() {
        return setup.contains(TABLESPACE_DIR);
    }

    ConformanceCase withTablespace(String directory) {
        return new ConformanceCase(name, setup.replace(TABLESPACE_DIR, directory), statement, minMajor);
    }

    ConformanceCase(String name, String setup, String statement) {
        this(name, setup, statement, 12);
    }

    @Override
    public String toString() {
        return name;
    }
}
