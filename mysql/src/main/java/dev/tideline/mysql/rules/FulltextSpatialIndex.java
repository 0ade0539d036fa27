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

/** A FULLTEXT or SPATIAL index on an existing table: built in place but with writes blocked (LOCK=SHARED at best). */
@RuleInfo(id = "fulltext-spatial-index", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "ADD FULLTEXT or SPATIAL index on an existing table: writes are blocked while it is built (the first FULLTEXT also rebuilds the table).")
public final class FulltextSpatialIndex implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            var kinds = p.prediction().kinds();
            if (!kinds.contains(DdlKind.ADD_FULLTEXT_INDEX) && !kinds.contains(DdlKind.ADD_SPATIAL_INDEX)) continue;
            String what = kinds.contains(DdlKind.ADD_FULLTEXT_INDEX) ? "FULLTEXT" : "SPATIAL";
            report.at(p.statement(), "adds a " + what + " index to " + p.table() + ": " + MySqlCosts.on(file.version(), p.effect()),
                    "-- build it with an online schema-change tool on a busy table" + (file.version().supportsOnlineCopy()
                            ? " (or ALGORITHM=COPY, LOCK=NONE: this server copies online)" : "") + ":\n"
                            + MySqlRemedies.onlineCopy(file.version(), p.table(), "ADD " + what + " INDEX … (…)"));
        }
    }
}
