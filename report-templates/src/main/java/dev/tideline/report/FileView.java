package dev.tideline.report;

import java.util.List;

/**
 * One migration file.
 *
 * @param fileFindings findings not inside any statement (e.g. file-level transaction problems)
 * @param timeline     the lock timeline, or null when nothing is locked
 * @param timelineNote why the timeline is missing or shortened, or null
 * @param statements   built lazily while the template streams
 */
public record FileView(String anchor, String path, String runner, int statementCount, int findingCount,
                       String worstKey, boolean open, List<ReportView.DiagnosticView> diagnostics,
                       List<FindingView> fileFindings, TimelineView timeline, String timelineNote,
                       Iterable<StatementView> statements) {}
