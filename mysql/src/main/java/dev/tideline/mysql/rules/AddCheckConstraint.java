package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.DdlKind;
import dev.tideline.mysql.lint.MySqlCosts;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/**
 * ADD CHECK on an existing table validates every row by a table copy (no NOT VALID in MySQL); on MySQL before 8.0.16 a
 * CHECK, there or in CREATE TABLE, is parsed and ignored.
 */
@RuleInfo(id = "add-check-constraint", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "ADD CHECK on an existing table: every row is validated by a blocking table copy; before MySQL 8.0.16 CHECK is ignored.")
public final class AddCheckConstraint implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        boolean enforced = file.version().enforcesCheckConstraints();
        for (Statements.Predicted p : Statements.predicted(file)) {
            if (!p.prediction().kinds().contains(DdlKind.ADD_CHECK)) continue;
            if (!enforced) {
                ignored(report, p.statement(), file);
                continue;
            }
            report.at(p.statement(), "adds a CHECK constraint to " + p.table() + ": a row that violates it fails the change,"
                            + " and " + MySqlCosts.on(file.version(), p.effect()),
                    "-- check the rows first; on a large table add it with an online schema-change tool, or add it NOT ENFORCED\n"
                            + "-- (MySQL: no validation, no copy) and validate in the application:\n"
                            + "SELECT COUNT(*) FROM " + MySqlRemedies.quote(p.table()) + " WHERE NOT (<condition>);\n"
                            + MySqlRemedies.onlineCopy(file.version(), p.table(), "ADD CONSTRAINT … CHECK (…)"));
        }
        if (enforced) return;
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (op instanceof MySqlOperation.CreateTable ct && !ct.checks().isEmpty()) ignored(report, s, file);
            }
        }
    }

    private static void ignored(Report report, MySqlStatement s, MySqlFile file) {
        report.at(s, file.version().display() + " parses CHECK constraints and ignores them (enforced from MySQL 8.0.16):"
                        + " nothing checks this condition",
                "-- enforce the rule in the application or a trigger until the server is 8.0.16 or later");
    }
}
