package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.DdlEffect;
import dev.tideline.mysql.effects.DdlKind;
import dev.tideline.mysql.lint.MySqlCosts;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * A change the online-DDL model predicts to rebuild an existing table in place (a copy is table-copy's): OPTIMIZE,
 * FORCE, ENGINE=/ROW_FORMAT=, NULL/NOT NULL, primary keys, ADD COLUMN FIRST/AFTER before the versions where it is
 * instant, reordering columns, dropping a column before instant DROP. Rebuilds whose cause has a rule of its own
 * (FULLTEXT/SPATIAL, AUTO_INCREMENT columns, TRUNCATE) are left to that rule.
 */
@RuleInfo(id = "table-rebuild", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql", preview = true,
        summary = "A change that rebuilds an existing table in place (OPTIMIZE, FORCE, NOT NULL, FIRST/AFTER on older servers …): every row is rewritten.")
public final class TableRebuild implements MySqlRule {
    private static final Set<DdlKind> OWN_RULE = Set.of(DdlKind.ADD_FULLTEXT_INDEX, DdlKind.ADD_SPATIAL_INDEX,
            DdlKind.ADD_COLUMN_AUTO_INCREMENT, DdlKind.TRUNCATE_TABLE, DdlKind.TRUNCATE_PARTITION);

    @Override
    public void check(MySqlFile file, Report report) {
        for (Statements.Predicted p : Statements.predicted(file)) {
            DdlEffect e = p.effect();
            if (e.algorithm() == null || e.algorithm() == Algorithm.COPY || !e.rebuild()) continue;
            List<DdlKind> kinds = p.prediction().kinds();
            if (kinds.stream().anyMatch(OWN_RULE::contains)) continue;
            report.at(p.statement(), "rebuilds " + p.table() + " (" + words(kinds) + "): " + MySqlCosts.on(file.version(), e),
                    advice(kinds, file, p));
        }
    }

    private static String advice(List<DdlKind> kinds, MySqlFile file, Statements.Predicted p) {
        String t = MySqlRemedies.quote(p.table());
        if (kinds.contains(DdlKind.ADD_COLUMN_POSITIONED)) {
            return "-- append the column instead (instant on " + file.version().display() + "); queries name their columns:\n"
                    + "ALTER TABLE " + t + " ADD COLUMN … /* no FIRST/AFTER */, ALGORITHM=INSTANT;";
        }
        if (kinds.contains(DdlKind.REORDER_COLUMN)) {
            return "-- leave the column where it is: the order of columns matters to nothing that names them;\n"
                    + "ALTER TABLE " + t + " MODIFY … /* without FIRST/AFTER */;";
        }
        String alter = p.operation() instanceof MySqlOperation.AlterTable
                ? MySqlRemedies.subCommands(p.statement().statement().text()) : "ENGINE=InnoDB";
        return "-- on a large or busy table, rebuild with an online schema-change tool, which throttles on replica lag:\n"
                + MySqlRemedies.onlineCopy(file.version(), p.table(), alter);
    }

    static String words(List<DdlKind> kinds) {
        return String.join(", ", kinds.stream().distinct()
                .map(k -> k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).toList());
    }
}
