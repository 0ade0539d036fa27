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

/** MODIFY … NOT NULL on a column that allowed NULL (the model's MAKE_COLUMN_NOT_NULL): a rebuild that NULLs can fail. */
@RuleInfo(id = "make-column-not-null", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "MODIFY … NOT NULL on an existing nullable column: a table rebuild that fails on NULLs (or silently rewrites them).")
public final class MakeColumnNotNull implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            if (!p.prediction().kinds().contains(DdlKind.MAKE_COLUMN_NOT_NULL)) continue;
            String t = MySqlRemedies.quote(p.table());
            report.at(p.statement(), "makes a nullable column of " + p.table() + " NOT NULL: every row is checked, and a NULL"
                            + " fails the change in strict sql_mode (outside it, NULLs silently become 0, '' or a zero date); "
                            + MySqlCosts.on(file.version(), p.effect()),
                    "-- backfill the NULLs in batches first, and run the change with strict sql_mode:\n"
                            + "UPDATE " + t + " SET `c` = <value> WHERE `c` IS NULL LIMIT 5000;  -- repeat until no row is affected\n"
                            + "SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_TRANS_TABLES');\n"
                            + "ALTER TABLE " + t + " MODIFY `c` <type> NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;");
        }
    }
}
