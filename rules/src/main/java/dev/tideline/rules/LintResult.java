package dev.tideline.rules;

import dev.tideline.analyzer.Analysis;
import java.util.List;

/**
 * Findings of a lint run, in file then position order.
 *
 * @param suppressed findings silenced by an inline {@code tideline:ignore} (shown in reports with their reason)
 */
public record LintResult(Analysis analysis, List<Finding> findings, List<Suppressed> suppressed) {
    public record Suppressed(Finding finding, String reason) {}

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
