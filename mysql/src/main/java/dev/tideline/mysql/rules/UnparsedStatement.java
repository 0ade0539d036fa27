package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;

@RuleInfo(id = "unparsed-statement", category = Category.ANALYSIS, severity = Severity.ERROR, dialects = "mysql",
        summary = "tideline could not understand this statement, so no rule checked it: review it by hand.")
public final class UnparsedStatement implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            String why = why(s.operations());
            if (why != null) {
                report.at(s, "not analysed: " + why, "review this statement by hand, or rewrite it in a form tideline"
                        + " reads; silence this finding with -- tideline:ignore unparsed-statement <reason>");
            }
        }
    }

    private static String why(List<MySqlOperation> operations) {
        for (MySqlOperation op : operations) {
            if (op instanceof MySqlOperation.Unrecognized u) return u.reason();
            if (op instanceof MySqlOperation.SetStatement ss) {
                String inner = why(ss.statement());
                if (inner != null) return inner;
            }
            if (op instanceof MySqlOperation.AlterTable at) {
                for (AlterAction a : at.actions()) {
                    if (a instanceof AlterAction.Unknown u) return "unknown ALTER TABLE sub-command '" + u.text() + "'";
                }
            }
            if (op instanceof MySqlOperation.DynamicSql d && d.command().equals("PREPARE")) {
                return "PREPARE runs SQL built at run time, which a static analysis cannot see";
            }
        }
        return null;
    }
}
