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
import java.util.Set;

/** ADD/DROP PRIMARY KEY on an existing table: InnoDB stores rows by primary key, so every index is rebuilt. */
@RuleInfo(id = "primary-key-change", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "Adding, dropping or replacing the PRIMARY KEY of an existing table: the clustered index and every secondary index are rebuilt.")
public final class PrimaryKeyChange implements MySqlRule {
    private static final Set<DdlKind> KINDS = Set.of(DdlKind.ADD_PRIMARY_KEY, DdlKind.DROP_PRIMARY_KEY,
            DdlKind.REPLACE_PRIMARY_KEY);

    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            var kinds = p.prediction().kinds();
            if (kinds.stream().noneMatch(KINDS::contains)) continue;
            String what = kinds.contains(DdlKind.DROP_PRIMARY_KEY) ? "drops the primary key of " + p.table()
                    + " without a new one (InnoDB then clusters rows on a hidden row id, and online schema-change tools"
                    + " refuse the table)"
                    : kinds.contains(DdlKind.REPLACE_PRIMARY_KEY) ? "replaces the primary key of " + p.table()
                    : "adds a primary key to " + p.table() + " (fails on duplicate or NULL key values)";
            report.at(p.statement(), what + ": " + MySqlCosts.on(file.version(), p.effect()),
                    "-- change the key in one statement (drop and add together run in place) with an online schema-change tool:\n"
                            + MySqlRemedies.onlineCopy(file.version(), p.table(), "DROP PRIMARY KEY, ADD PRIMARY KEY (…)"));
        }
    }
}
