package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.DdlEffect;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.lint.MySqlCosts;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/** A table copy on an existing table, as the online-DDL model predicts it for the target version. */
@RuleInfo(id = "table-copy", category = Category.LOCKING, severity = Severity.ERROR, dialects = "mysql", preview = true,
        summary = "A change that copies an existing table (ALGORITHM=COPY, written or chosen by the server): writes wait for the whole copy.")
public final class TableCopy implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (int i = 0; i < s.operations().size(); i++) {
                if (!(s.operations().get(i) instanceof MySqlOperation.AlterTable at) || s.isNew(at.table())) continue;
                Prediction p = s.predictions().get(i);
                if (!p.modelled()) continue;
                DdlEffect e = p.effect();
                if (e.algorithm() != Algorithm.COPY) continue;
                String written = at.clauses().clause().algorithm() == Algorithm.COPY ? " (ALGORITHM=COPY)"
                        : " (" + file.version().display() + " has no in-place way to " + kinds(p) + ")";
                report.at(s, "changes " + at.table() + written + ": " + MySqlCosts.on(file.version(), e),
                        MySqlRemedies.onlineCopy(file.version(), at.table(), MySqlRemedies.subCommands(s.statement().text())));
            }
        }
    }

    /** The kinds of change, as words: {@code change column type, add foreign key}. */
    private static String kinds(Prediction p) {
        return String.join(", ", p.kinds().stream().distinct()
                .map(k -> k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).toList());
    }
}
