package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.DdlEffect;
import dev.tideline.mysql.effects.DdlKind;
import dev.tideline.mysql.lint.MySqlCosts;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * One ALTER TABLE runs at the algorithm of its most expensive change: an instant change next to one that is not
 * (ADD COLUMN x, ADD INDEX (x)) makes the whole statement in place or a copy, often with a rebuild the instant change
 * alone would not need.
 */
@RuleInfo(id = "mixed-instant-alter", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "An ALTER TABLE combining instant changes with ones that are not: the whole statement runs at the slower algorithm.")
public final class MixedInstantAlter implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            if (!(p.operation() instanceof MySqlOperation.AlterTable)) continue;
            DdlEffect e = p.effect();
            if (e.algorithm() == null || e.algorithm() == Algorithm.INSTANT) continue;
            List<DdlKind> instant = p.prediction().instantCapable();
            List<DdlKind> slow = new ArrayList<>(p.prediction().kinds());
            for (DdlKind k : instant) slow.remove(k);
            if (instant.isEmpty() || slow.isEmpty()) continue;
            String t = MySqlRemedies.quote(p.table());
            report.at(p.statement(), "combines " + TableRebuild.words(instant) + " (instant alone) with "
                            + TableRebuild.words(slow) + ": the whole statement " + MySqlCosts.of(e),
                    "-- split it: the instant changes in one statement, the others in the next migration:\n"
                            + "ALTER TABLE " + t + " <instant changes>, ALGORITHM=INSTANT;\n"
                            + "ALTER TABLE " + t + " <other changes>, ALGORITHM=INPLACE, LOCK=NONE;");
        }
    }
}
