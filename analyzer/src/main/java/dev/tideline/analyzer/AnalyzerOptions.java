package dev.tideline.analyzer;

import dev.tideline.analyzer.tx.Runner;
import java.util.Map;

/**
 * @param runner       the migration runner, or null to detect it from the layout
 * @param placeholders values for {@code ${name}} / {@code {{ … }}} template placeholders; unknown ones stay opaque
 * @param timeZone     the session TimeZone the migrations start with, when known (a traced server's); null when not
 */
public record AnalyzerOptions(PgVersion version, Runner runner, Map<String, String> placeholders, String timeZone) {
    /** Options for a server whose session TimeZone is unknown (linting). */
    public AnalyzerOptions(PgVersion version, Runner runner, Map<String, String> placeholders) {
        this(version, runner, placeholders, null);
    }

    public static AnalyzerOptions defaults() {
        return new AnalyzerOptions(PgVersion.DEFAULT, null, Map.of());
    }

    /** The same options for migrations run in a session with this TimeZone. */
    public AnalyzerOptions withTimeZone(String zone) {
        return new AnalyzerOptions(version, runner, placeholders, zone);
    }
}
