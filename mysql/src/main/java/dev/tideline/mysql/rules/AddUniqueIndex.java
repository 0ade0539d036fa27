package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.DdlKind;
import dev.tideline.mysql.lint.MySqlCosts;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/** A UNIQUE index on an existing table fails on duplicates, also on one written while it is built. */
@RuleInfo(id = "add-unique-index", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "A UNIQUE index on an existing table: fails on duplicate rows, late, after building most of the index.")
public final class AddUniqueIndex implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            if (!p.prediction().kinds().contains(DdlKind.ADD_UNIQUE_INDEX)) continue;
            report.at(p.statement(), "adds a UNIQUE index to " + p.table() + ": a duplicate among the existing rows (or one"
                            + " written while the index is built) fails the change at its end, and pt-online-schema-change"
                            + " would silently drop duplicate rows instead; " + MySqlCosts.on(file.version(), p.effect()),
                    "-- in an earlier release, find and resolve duplicates, and stop the application writing new ones:\n"
                            + "SELECT `c`, COUNT(*) FROM " + MySqlRemedies.quote(p.table()) + " GROUP BY `c` HAVING COUNT(*) > 1;\n"
                            + "ALTER TABLE " + MySqlRemedies.quote(p.table()) + " ADD UNIQUE INDEX … (…), "
                            + (file.version().hasNocopyAlgorithm() ? "ALGORITHM=NOCOPY" : "ALGORITHM=INPLACE") + ", LOCK=NONE;");
        }
    }
}
