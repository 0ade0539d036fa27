package dev.tideline.report;

import java.util.List;

/**
 * The top of the report: what a reviewer reads first. Built by {@link ReportViewBuilder}; templates read only
 * these view types, so they never reach into the analyzer's model.
 *
 * @param files    targeted files, built lazily one at a time while the template streams (bounded memory)
 * @param large    over {@link ReportViewBuilder#LARGE_STATEMENTS} statements: everything starts collapsed
 */
public record ReportView(String title, String scope, String pgVersion, Verdict verdict, Totals totals,
                         List<Count> severities, List<Count> categories, List<RuleCount> rules,
                         List<FindingRow> findings, int findingsNotListed,
                         List<FileSummary> fileSummaries, List<DiagnosticView> diagnostics,
                         List<TableStatsView> tableStats, PlanView plan, boolean large,
                         Iterable<FileView> files) {

    /** @param key css-safe key: dangerous, attention or safe */
    public record Verdict(String key, String label, String explanation) {}

    public record Totals(int files, int replayedFiles, int statements, int findings, int suppressed,
                         int unparsed, int blockingStatements, int rewrites) {}

    /** @param key css-safe key */
    public record Count(String key, String label, long count) {}

    public record RuleCount(String rule, String severityKey, String summary, int count) {}

    /** @param anchor the statement's (or file's) id in this page */
    public record FindingRow(String anchor, String location, String rule, String severityKey, String message) {}

    public record FileSummary(String anchor, String path, int statements, int findings, String worstKey) {}

    public record DiagnosticView(String location, String severityKey, String code, String message) {}

    /** @param risk a sentence on what the report's statements do to a table this big, or null */
    public record TableStatsView(String table, String rows, String size, String riskKey, String risk) {}
}
