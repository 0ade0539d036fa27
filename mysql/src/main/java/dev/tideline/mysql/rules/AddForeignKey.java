package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.Algorithm;
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
 * ADD FOREIGN KEY on an existing table. With {@code foreign_key_checks=1} the server validates the rows by copying
 * the table (the model says COPY); with {@code =0} it runs in place and checks nothing, so orphans stay.
 */
@RuleInfo(id = "add-foreign-key", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "ADD FOREIGN KEY on an existing table: a blocking table copy with foreign_key_checks=1, no validation at all with =0.")
public final class AddForeignKey implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            if (!p.prediction().kinds().contains(DdlKind.ADD_FOREIGN_KEY)) continue;
            String t = MySqlRemedies.quote(p.table());
            boolean copies = p.effect().algorithm() == Algorithm.COPY;
            String check = "SELECT c.* FROM " + t + " c LEFT JOIN `parent` p ON p.`id` = c.`parent_id`\n"
                    + "  WHERE c.`parent_id` IS NOT NULL AND p.`id` IS NULL LIMIT 10;  -- must return nothing";
            if (copies) {
                report.at(p.statement(), "adds a foreign key to " + p.table() + " with foreign_key_checks=1: the server checks"
                                + " every row by a table copy: " + MySqlCosts.on(file.version(), p.effect()),
                        "-- check for orphans yourself, then add the key without the copy, on a direct connection (not a pooler):\n"
                                + check + "\nSET SESSION foreign_key_checks = 0;\nALTER TABLE " + t
                                + " ADD CONSTRAINT … FOREIGN KEY (…) REFERENCES … (…), ALGORITHM=INPLACE, LOCK=NONE;\n"
                                + "SET SESSION foreign_key_checks = 1;");
            } else {
                report.at(p.statement(), "adds a foreign key to " + p.table() + " with foreign_key_checks=0: nothing checks"
                                + " the existing rows, so orphans stay and later UPDATEs of them fail; "
                                + MySqlCosts.on(file.version(), p.effect()),
                        "-- before this migration, prove there are no orphans (and that the parent column is indexed):\n"
                                + check);
            }
        }
    }
}
