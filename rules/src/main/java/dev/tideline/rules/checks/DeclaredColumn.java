package dev.tideline.rules.checks;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.rules.RuleContext;
import dev.tideline.rules.StatementUnit;
import java.util.ArrayList;
import java.util.List;

/** A column type written by CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE (temporary tables left out). */
record DeclaredColumn(StatementUnit at, AnalyzedOperation op, TableRef table, String column, String type) {

    static List<DeclaredColumn> all(RuleContext ctx) {
        List<DeclaredColumn> out = new ArrayList<>();
        for (StatementUnit u : ctx.statements()) {
            for (AnalyzedOperation op : u.operations()) {
                Operation o = op.operation();
                if (o instanceof Operation.CreateTable c && !c.temporary()) {
                    for (ColumnDef col : c.columns()) out.add(new DeclaredColumn(u, op, c.table(), col.name(), col.type()));
                } else if (o instanceof Operation.AddColumn a) {
                    out.add(new DeclaredColumn(u, op, a.table(), a.column().name(), a.column().type()));
                } else if (o instanceof Operation.AlterColumnType a) {
                    out.add(new DeclaredColumn(u, op, a.table(), a.column(), a.newType()));
                }
            }
        }
        return out;
    }

    /** True when the statement creates the column (CREATE TABLE, ADD COLUMN), rather than changing its type. */
    boolean isNew() {
        return !(op.operation() instanceof Operation.AlterColumnType);
    }

    boolean inCreateTable() {
        return op.operation() instanceof Operation.CreateTable;
    }

    String qualified() {
        return table + "." + column;
    }
}
