package dev.tideline.junit.samples;

import static dev.tideline.junit.TidelineAssertions.assertThatMigrations;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A project's own tests as a user writes them; run by {@code TidelineAssertionsTest} through the engine test kit. */
public class MigrationSamples {
    static final Path SAFE = Path.of("src/test/resources/migrations/safe");
    static final Path RISKY = Path.of("src/test/resources/migrations/risky");

    @Test
    void safeMigrationsHaveNoErrors() {
        assertThatMigrations(SAFE).hasNoErrors().hasNoFindings();
    }

    @Test
    void riskyMigrationsHaveNoErrors() {
        assertThatMigrations(RISKY).hasNoErrors();
    }

    @Test
    void riskyMigrationsHaveNoTimeoutFindings() {
        assertThatMigrations(RISKY).hasNoFindings("statement-timeout-missing");
    }

    @Test
    void riskyMigrationsPassWithAConfigThatAcceptsThem() {
        assertThatMigrations(RISKY).withConfig(Path.of("src/test/resources/migrations/accepting.yaml")).hasNoErrors().hasNoFindings();
    }
}
