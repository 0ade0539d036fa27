package dev.tideline.rules.checks;

import dev.tideline.rules.Category;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.SuppressionCheck;
import dev.tideline.rules.suppress.Suppression;

@RuleInfo(id = "unused-suppression", category = Category.ANALYSIS, severity = Severity.WARNING,
        dialects = {"postgres", "mysql"},
        summary = "A tideline:ignore comment that silences nothing: unknown rule id, misplaced, or the problem is gone.")
public final class UnusedSuppression implements SuppressionCheck {
    @Override
    public void check(RuleContext ctx) {
        for (Suppression s : ctx.suppressions()) {
            if (s.ruleIds().isEmpty()) {
                ctx.reportAt(s.line(), s.column(), s.comment(), "this suppression names no rule: write -- tideline:ignore <rule-id> <reason>");
                continue;
            }
            for (String id : s.ruleIds()) {
                if (!ctx.ruleKnown(id)) {
                    ctx.reportAt(s.line(), s.column(), s.comment(), "unknown rule '" + id + "' in suppression (see `tideline rules`)");
                } else if (!s.used().contains(id) && ctx.ruleEnabled(id)) {
                    ctx.reportAt(s.line(), s.column(), s.comment(), "suppression of " + id + " silences nothing"
                            + (s.fileLevel() ? " in this file" : s.targetLine() > 0 ? " on the statement at line " + s.targetLine()
                            : ": no statement follows it") + "; remove it");
                }
            }
        }
    }
}
