package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Operation.Unrecognized;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = UnparsedStatement.ID, category = Category.ANALYSIS, severity = Severity.ERROR,
        summary = "tideline could not understand this statement, so no rule checked it: review it by hand.")
public final class UnparsedStatement implements Rule {
    public static final String ID = "unparsed-statement";

    @Override
    public void check(RuleContext ctx) {
        for (var h : Hit.all(ctx, Unrecognized.class)) {
            ctx.report(h.at(), h.op(), "not analysed (" + h.operation().reason() + "): its locks and risks are unknown",
                    "Review this statement by hand. If it is safe, silence it with: -- tideline:ignore unparsed-statement <why it is safe>");
        }
    }
}
