package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "charset-conversion", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "CONVERT TO CHARACTER SET on an existing table: a table copy that blocks writes, and may change uniqueness and index limits.")
public final class CharsetConversion implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (!(op instanceof MySqlOperation.AlterTable at) || s.isNew(at.table())) continue;
                for (AlterAction a : at.actions()) {
                    if (!(a instanceof AlterAction.ConvertCharset c)) continue;
                    report.at(s, "converts every text column of " + at.table() + " to " + c.charset() + ": the table is"
                                    + " copied while writes wait, values that collate equal under the new collation can"
                                    + " break a UNIQUE index, and wider characters can exceed index length limits",
                            "-- check first: duplicates under the new collation and index prefix lengths;\n"
                                    + MySqlRemedies.onlineCopy(file.version(), at.table(), "CONVERT TO CHARACTER SET "
                                    + c.charset() + (c.collation() == null ? "" : " COLLATE " + c.collation())));
                    break;
                }
            }
        }
    }
}
