package dev.tideline.rules.suppress;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code -- tideline:ignore rule-id[, rule-id] reason} (or {@code ignore-file}) comment.
 *
 * @param line       1-based position of the comment
 * @param targetLine the statement start line it silences; 0 for a file-level suppression or when no statement follows
 * @param reason     the free text after the rule ids, empty when missing
 */
public record Suppression(int line, int column, String comment, List<String> ruleIds, String reason,
                          boolean fileLevel, int targetLine, Set<String> used) {

    public Suppression(int line, int column, String comment, List<String> ruleIds, String reason, boolean fileLevel,
                       int targetLine) {
        this(line, column, comment, ruleIds, reason, fileLevel, targetLine, new HashSet<>());
    }

    /** Whether this suppression silences a finding of {@code rule} located at {@code findingLine}. */
    public boolean covers(String rule, int findingLine) {
        if (!ruleIds.contains(rule)) return false;
        return fileLevel || (targetLine > 0 && findingLine == targetLine);
    }

    public boolean hasReason() {
        return !reason.isBlank();
    }
}
