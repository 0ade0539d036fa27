package dev.tideline.mysql.rules;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.Clause;
import dev.tideline.mysql.effects.Outcome;
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
 * MySQL counts instant ADD/DROP COLUMN per table (row versions: 64 up to 9.0, 255 from 9.1); past the limit the model
 * refuses ALGORITHM=INSTANT with error 4092 and the clause-less statement silently rebuilds the table.
 */
@RuleInfo(id = "instant-row-version-limit", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql",
        preview = true,
        summary = "Too many instant column changes on one table (MySQL's row-version limit): the next one rebuilds the table or fails.")
public final class InstantRowVersionLimit implements MySqlRule {
    @Override
    public boolean appliesTo(MySqlVersion version) {
        return version.instantRowVersionLimit().isPresent();
    }

    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            if (!(p.prediction().outcome(Clause.of(Algorithm.INSTANT, null)) instanceof Outcome.Refused r)
                    || !r.errnos().contains(4092)) continue;
            report.at(p.statement(), p.table() + " has used up its " + file.version().instantRowVersionLimit().getAsInt()
                            + " instant row versions on " + file.version().display() + ": ALGORITHM=INSTANT fails with error"
                            + " 4092, and without the clause the server " + MySqlCosts.of(p.effect()),
                    "-- rebuild the table once, off-peak or with an online schema-change tool, which resets the count:\n"
                            + MySqlRemedies.onlineCopy(file.version(), p.table(), "ENGINE=InnoDB"));
        }
    }
}
