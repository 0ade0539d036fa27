package dev.tideline.report;

import dev.tideline.rules.LintResult;
import java.util.List;

/**
 * Everything a report is made from.
 *
 * @param scope      what the user asked to report on, as typed (e.g. {@code samples/}), shown in the header
 * @param lint       the lint run (its analysis holds the statements, locks and transactions)
 * @param docs       rule documentation (why / instead / safe SQL) by rule id
 * @param plan       the planner's releases, or null when no plan was made
 * @param tableStats table sizes from live statistics; empty when none are available
 */
public record ReportInput(String scope, LintResult lint, RuleDocs docs, PlanView plan, List<TableStats> tableStats) {
    public ReportInput {
        tableStats = List.copyOf(tableStats);
    }
}
