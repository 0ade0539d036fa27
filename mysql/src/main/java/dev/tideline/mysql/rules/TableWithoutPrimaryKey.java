package dev.tideline.mysql.rules;

import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.IndexKind;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/** CREATE TABLE without a PRIMARY KEY: InnoDB clusters on a hidden row id; row replication and OSC tools suffer. */
@RuleInfo(id = "table-without-primary-key", category = Category.SCHEMA_DESIGN, severity = Severity.WARNING,
        dialects = "mysql", preview = true,
        summary = "CREATE TABLE without a PRIMARY KEY: replicas scan the table per changed row, and online schema-change tools refuse it.")
public final class TableWithoutPrimaryKey implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                if (!(op instanceof MySqlOperation.CreateTable ct) || ct.temporary() || ct.like() != null || ct.asSelect()) continue;
                boolean pk = ct.indexes().stream().anyMatch(i -> i.kind() == IndexKind.PRIMARY)
                        || ct.columns().stream().anyMatch(c -> c.inlineKey() == IndexKind.PRIMARY);
                if (pk) continue;
                ColumnDefinition first = ct.columns().isEmpty() ? null : ct.columns().get(0);
                report.at(s, "creates " + ct.table() + " without a primary key: InnoDB clusters its rows on a hidden row id,"
                                + " replicas applying row-based changes scan the table for each changed row, and gh-ost,"
                                + " Spirit and pt-online-schema-change cannot change it later",
                        "CREATE TABLE " + MySqlRemedies.quote(ct.table()) + " (\n  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n"
                                + (first == null ? "" : "  " + MySqlRemedies.quote(first.name()) + " …,\n")
                                + "  PRIMARY KEY (`id`)\n);");
            }
        }
    }
}
