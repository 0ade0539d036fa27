package dev.tideline.analyzer;

import dev.tideline.analyzer.tx.Runner;
import java.util.Map;

/**
 * @param runner       the migration runner, or null to detect it from the layout
 * @param placeholders values for {@code ${name}} / {@code {{ … }}} template placeholders; unknown ones stay opaque
 */
public record AnalyzerOptions(PgVersion version, Runner runner, Map<String, String> placeholders) {
    public static AnalyzerOptions defaults() {
        return new AnalyzerOptions(PgVersion.DEFAULT, null, Map.of());
    }
}
