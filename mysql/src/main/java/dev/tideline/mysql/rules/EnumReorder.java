package dev.tideline.mysql.rules;

import dev.tideline.mysql.effects.DdlKind;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.lint.MySqlFile;
import dev.tideline.mysql.lint.MySqlRemedies;
import dev.tideline.mysql.lint.MySqlRule;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Report;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.rules.Category;
import dev.tideline.rules.RuleInfo;
import dev.tideline.rules.Severity;

/** ENUM/SET members changed other than by appending (the online-DDL model's REORDER_ENUM_VALUES): a table copy. */
@RuleInfo(id = "enum-reorder", category = Category.LOCKING, severity = Severity.WARNING, dialects = "mysql", preview = true,
        summary = "An ENUM or SET redefined other than by appending members: a table copy, and existing values may fail or change.")
public final class EnumReorder implements MySqlRule {
    @Override
    public void check(MySqlFile file, Report report) {
        for (MySqlStatement s : file.statements()) {
            for (int i = 0; i < s.operations().size(); i++) {
                if (!(s.operations().get(i) instanceof MySqlOperation.AlterTable at) || s.isNew(at.table())) continue;
                Prediction p = s.predictions().get(i);
                if (!p.kinds().contains(DdlKind.REORDER_ENUM_VALUES)) continue;
                String column = enumColumn(at);
                report.at(s, "redefines ENUM/SET column " + at.table() + "." + column + " with members removed, reordered"
                                + " or inserted before the end: the server stores members by position, so it copies the"
                                + " table while writes wait, and rows holding a removed member fail the change (or become ''"
                                + " outside strict sql_mode)",
                        "-- only append new members at the end (instant), and keep the old ones until no row holds them:\n"
                                + "ALTER TABLE " + MySqlRemedies.quote(at.table()) + " MODIFY " + MySqlRemedies.quote(column)
                                + " ENUM(<the current members, in order>, <new ones>) NOT NULL, ALGORITHM=INSTANT;");
            }
        }
    }

    private static String enumColumn(MySqlOperation.AlterTable at) {
        for (AlterAction a : at.actions()) {
            if (a instanceof AlterAction.ModifyColumn m && m.column().type().isEnumOrSet()) return m.column().name();
            if (a instanceof AlterAction.ChangeColumn c && c.column().type().isEnumOrSet()) return c.column().name();
        }
        return "?";
    }
}
