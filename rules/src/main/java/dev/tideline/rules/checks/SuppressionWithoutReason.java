package dev.tideline.rules.checks;

import dev.tideline.rules.Category;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import dev.tideline.rules.SuppressionCheck;
import dev.tideline.rules.suppress.Suppression;

@RuleInfo(id = "suppression-without-reason", category = Category.ANALYSIS, severity = Severity.WARNING,
        dialects = {"postgres", "mysql"},
        summary = "A tideline:ignore comment that does not say why the finding is safe to ignore.")
public final class SuppressionWithoutReason implements SuppressionCheck {
    @Override
    public void check(RuleContext ctx) {
        for (Suppression s : ctx.suppressions()) {
            if (s.hasReason()) continue;
            ctx.reportAt(s.line(), s.column(), s.comment(), "this suppression gives no reason: say why "
                    + (s.ruleIds().isEmpty() ? "the finding" : String.join(", ", s.ruleIds())) + " is safe here, for the reviewer");
        }
    }
}
