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
 * MODIFY/CHANGE to another column type, as the online-DDL model classifies it (CHANGE_COLUMN_TYPE: a copy; VARCHAR
 * growth within the vendor's length-byte rule is EXTEND_VARCHAR and not reported), and narrowing changes that can lose
 * or refuse existing values.
 */
@RuleInfo(id = "change-column-type", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "MODIFY/CHANGE to another column type: a table copy that blocks writes, and a narrower type can lose or refuse values.")
public final class ChangeColumnType implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            if (!p.prediction().kinds().contains(DdlKind.CHANGE_COLUMN_TYPE)) continue;
            boolean narrowing = p.prediction().narrowing();
            String why = p.effect().notes().stream().filter(n -> n.startsWith("VARCHAR(")).findFirst()
                    .map(n -> " (" + n + ")").orElse("");
            report.at(p.statement(), "changes a column type of " + p.table() + why + ": " + MySqlCosts.on(file.version(), p.effect())
                            + (narrowing ? "; the new type is narrower, so values that do not fit fail the change in strict"
                            + " sql_mode or are silently cut outside it" : ""),
                    (narrowing ? "-- check first that every value fits: SELECT … WHERE CHAR_LENGTH(col) > <new length> / col > <new max>;\n" : "")
                            + "-- expand and contract: add a column of the new type (instant), write both, backfill in batches,\n"
                            + "-- switch reads, then swap the names in one instant statement and drop the old column later:\n"
                            + "ALTER TABLE " + MySqlRemedies.quote(p.table()) + " RENAME COLUMN `c` TO `c_old`, RENAME COLUMN `c_new` TO `c`"
                            + (file.version().supportsInstantRenameColumn() ? ", ALGORITHM=INSTANT;" : ";"));
        }
    }
}
