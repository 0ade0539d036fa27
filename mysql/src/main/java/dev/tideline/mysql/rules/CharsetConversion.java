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

/**
 * CONVERT TO CHARACTER SET, or a column moved to another character set (the model's CONVERT_CHARSET and
 * CHANGE_COLUMN_CHARSET; utf8mb3 → utf8mb4 within the length bytes is WIDEN_COLUMN_CHARSET, in place, and quiet).
 */
@RuleInfo(id = "charset-conversion", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "A table or column converted to another character set: a table copy that blocks writes, and may change uniqueness and index limits.")
public final class CharsetConversion implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            var kinds = p.prediction().kinds();
            boolean table = kinds.contains(DdlKind.CONVERT_CHARSET);
            if (!table && !kinds.contains(DdlKind.CHANGE_COLUMN_CHARSET)) continue;
            report.at(p.statement(), (table ? "converts every text column of " : "moves a column of ") + p.table()
                            + " to another character set: values that compared different can collate equal and break a"
                            + " UNIQUE index, wider characters can exceed index length limits, and "
                            + MySqlCosts.on(file.version(), p.effect()),
                    "-- check first: duplicates under the new collation and index prefix lengths;\n"
                            + MySqlRemedies.onlineCopy(file.version(), p.table(),
                            MySqlRemedies.subCommands(p.statement().statement().text())));
        }
    }
}
