package dev.tideline.mysql.rules;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/** A column-level {@code REFERENCES t(c)}: MySQL before 9.0 parses it and creates no foreign key. */
@RuleInfo(id = "inline-references-ignored", category = Category.COMPATIBILITY, severity = Severity.ERROR,
        dialects = "mysql", preview = true,
        summary = "A column's inline REFERENCES, which MySQL before 9.0 accepts and ignores: no foreign key is created.")
public final class InlineReferences implements MySqlRule {
    @Override
    public boolean appliesTo(MySqlVersion version) {
        return version.ignoresInlineReferences();
    }

    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : Statements.flatten(s.operations())) {
                for (ColumnDefinition c : columns(op)) {
                    if (c.references() == null) continue;
                    report.at(s, "column " + c.name() + " REFERENCES " + c.references() + ": " + file.version().display()
                                    + " accepts this and creates no foreign key, so nothing enforces it",
                            "-- declare the key at table level, where the server creates it:\n"
                                    + "FOREIGN KEY (" + MySqlRemedies.quote(c.name()) + ") REFERENCES " + c.references() + " (…)");
                    break;
                }
            }
        }
    }

    private static List<ColumnDefinition> columns(MySqlOperation op) {
        if (op instanceof MySqlOperation.CreateTable ct) return ct.columns();
        List<ColumnDefinition> out = new ArrayList<>();
        if (op instanceof MySqlOperation.AlterTable at) {
            for (AlterAction a : at.actions()) {
                if (a instanceof AlterAction.AddColumn c) out.add(c.column());
                if (a instanceof AlterAction.ModifyColumn c) out.add(c.column());
                if (a instanceof AlterAction.ChangeColumn c) out.add(c.column());
            }
        }
        return out;
    }
}
