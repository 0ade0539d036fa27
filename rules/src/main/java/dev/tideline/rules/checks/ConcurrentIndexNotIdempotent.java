package dev.tideline.rules.checks;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.Operation.CreateIndex;
import dev.tideline.analyzer.model.Operation.DropIndex;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.Category;
import dev.tideline.rules.Rule;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.HashSet;
import java.util.Set;

@RuleInfo(id = "concurrent-index-not-idempotent", category = Category.ROBUSTNESS, severity = Severity.WARNING,
        summary = "CREATE INDEX CONCURRENTLY without IF NOT EXISTS: a failed run leaves an INVALID index and the re-run fails.")
public final class ConcurrentIndexNotIdempotent implements Rule {
    @Override
    public void check(RuleContext ctx) {
        Set<String> droppedFirst = new HashSet<>();
        for (var h : Hit.all(ctx, DropIndex.class)) {
            if (h.operation().ifExists()) for (TableRef i : h.operation().indexes()) droppedFirst.add(i.name());
        }
        for (var h : Hit.all(ctx, CreateIndex.class)) {
            CreateIndex ci = h.operation();
            if (!ci.concurrently() || ci.ifNotExists()) continue;
            if (ci.name() != null && droppedFirst.contains(ci.name())) continue;
            ctx.report(h.at(), h.op(), "if CREATE INDEX CONCURRENTLY fails (deadlock, unique violation, timeout) it leaves "
                    + (ci.name() == null ? "an" : ci.name() + " as an") + " INVALID index, and re-running the migration fails"
                    + " because the name exists",
                    "DROP INDEX CONCURRENTLY IF EXISTS " + (ci.name() == null ? "<name>" : Quoting.ident(ci.name()))
                            + ";  -- removes an INVALID leftover\n" + Fixes.createIndexConcurrently(ci).replaceFirst("^-- .*\\n", ""),
                    ci.name() == null ? null : TextFixes.ifNotExists(ctx, h.at()));
        }
    }
}
