package dev.tideline.report;

/**
 * A finding with its rule documentation.
 *
 * @param reason the suppression's reason, null for findings in force
 */
public record FindingView(String rule, String severityKey, String severity, String category, int line, int column,
                          String message, String fix, String why, String instead, String safeSql, String reason) {}
