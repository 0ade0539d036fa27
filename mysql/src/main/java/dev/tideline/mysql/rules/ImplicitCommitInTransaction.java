package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

@RuleInfo(id = "implicit-commit-in-transaction", category = Category.TRANSACTIONS, severity = Severity.ERROR,
        dialects = "mysql", preview = true,
        summary = "A DDL statement inside START TRANSACTION … COMMIT: MySQL commits the transaction before it, so ROLLBACK undoes nothing.")
public final class ImplicitCommitInTransaction implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            if (!s.openTransaction() || s.called()) continue;
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (!Statements.commitsImplicitly(op)) continue;
                report.at(s, "this statement commits the open transaction before it runs and commits itself: what the"
                                + " transaction did so far is committed, and a later ROLLBACK undoes neither",
                        "-- MySQL has no transactional DDL: take the DDL out of START TRANSACTION … COMMIT, one DDL per"
                                + " migration,\n-- and keep only the data changes (INSERT/UPDATE/DELETE) in the transaction");
                break;
            }
        }
    }
}
