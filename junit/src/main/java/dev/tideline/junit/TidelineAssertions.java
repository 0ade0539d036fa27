package dev.tideline.junit;

import java.nio.file.Path;

/**
 * tideline in a project's own tests:
 * <pre>{@code
 * assertThatMigrations(Path.of("src/main/resources/db/migration")).hasNoErrors();
 * }</pre>
 */
public final class TidelineAssertions {
    private TidelineAssertions() {}

    /** Assertions over the migrations under these folders or files, read as {@code tideline lint} reads them. */
    public static MigrationsAssert assertThatMigrations(Path... paths) {
        return new MigrationsAssert(paths);
    }
}
