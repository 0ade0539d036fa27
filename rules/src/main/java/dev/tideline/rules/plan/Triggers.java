package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.TableRef;
import java.util.List;

/** Dual-write triggers that keep old and new shapes in step while both application versions run. */
final class Triggers {
    private Triggers() {}

    static String functionName(TableRef table, String what) {
        return Sql.name("tideline_sync", table.name(), what);
    }

    /** CREATE OR REPLACE FUNCTION: takes no lock on the table, re-runnable. */
    static Step function(Ctx ctx, TableRef table, String name, String body, String reason) {
        String sql = "CREATE OR REPLACE FUNCTION " + Quoting.table(Sql.sibling(table, name)) + "() RETURNS trigger\n"
                + "LANGUAGE plpgsql AS " + Quoting.dollarQuoted("\nBEGIN\n" + body.strip() + "\nEND\n");
        return ctx.steps.plain(Phase.EXPAND, List.of(sql), List.of(), reason);
    }

    /** The trigger itself: SHARE ROW EXCLUSIVE on the table for a moment, so lock_timeout and retry. */
    static Step create(Ctx ctx, TableRef table, String name, String events, String reason) {
        return create(ctx, table, name, name, events, reason);
    }

    static Step create(Ctx ctx, TableRef table, String name, String function, String events, String reason) {
        String fn = Quoting.table(Sql.sibling(table, function));
        String create = " TRIGGER " + Quoting.ident(name) + " " + events + " ON " + Quoting.table(table)
                + " FOR EACH ROW EXECUTE FUNCTION " + fn + "()";
        List<String> statements = ctx.options.version().atLeast(14)
                ? List.of("CREATE OR REPLACE" + create)
                : List.of("DROP TRIGGER IF EXISTS " + Quoting.ident(name) + " ON " + Quoting.table(table), "CREATE" + create);
        return ctx.steps.ddl(Phase.EXPAND, statements, List.of(Steps.lock(LockMode.SHARE_ROW_EXCLUSIVE, table)), reason);
    }

    /** Drops the trigger (brief ACCESS EXCLUSIVE) and its function. */
    static List<String> dropStatements(TableRef table, String function, String... triggers) {
        List<String> out = new java.util.ArrayList<>();
        for (String t : triggers.length == 0 ? new String[] {function} : triggers) {
            out.add("DROP TRIGGER IF EXISTS " + Quoting.ident(t) + " ON " + Quoting.table(table));
        }
        out.add("DROP FUNCTION IF EXISTS " + Quoting.table(Sql.sibling(table, function)) + "()");
        return out;
    }
}
