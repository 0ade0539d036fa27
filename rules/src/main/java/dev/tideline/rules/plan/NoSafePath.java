package dev.tideline.rules.plan;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.Operation;
import java.util.List;

/** Operations with no online path: said plainly, with the least-bad option, and left out of the generated SQL. */
final class NoSafePath {
    private NoSafePath() {}

    static List<Stage> note(Ctx ctx, AnalyzedOperation aop) {
        Operation op = aop.operation();
        String text;
        if (op instanceof Operation.Unrecognized u) {
            text = "not understood (" + u.reason() + "): left out of the plan, never treated as safe — review it and add it by hand";
        } else if (op instanceof Operation.Truncate t) {
            text = "no safe online path for TRUNCATE " + t.tables() + ": it takes ACCESS EXCLUSIVE; least-bad: delete in keyset"
                    + " batches, or TRUNCATE with lock_timeout once no release uses the table";
        } else if (op instanceof Operation.LockTable) {
            text = "LOCK TABLE left out: each planned step takes only the lock it needs, under lock_timeout";
        } else if (op instanceof Operation.Vacuum || op instanceof Operation.Cluster
                || op instanceof Operation.AlterTableStorage) {
            text = "no safe online path for " + describe(op) + ": it rewrites the table under ACCESS EXCLUSIVE; least-bad:"
                    + " pg_repack or pg_squeeze, or a new table filled in batches and swapped by rename";
        } else if (op instanceof Operation.DetachPartition d) {
            text = "DETACH PARTITION " + d.partition() + ": use DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+, outside a"
                    + " transaction); before 14 there is no online path (least-bad: lock_timeout in a quiet moment)";
        } else if (op instanceof Operation.RefreshMaterializedView r) {
            text = "REFRESH MATERIALIZED VIEW " + r.table() + ": use CONCURRENTLY (needs a unique index on the view)";
        } else if (op instanceof Operation.DropSchema || op instanceof Operation.DropDatabase) {
            text = describe(op) + " is not planned: it destroys everything in it — do it by hand, after a backup";
        } else {
            text = describe(op) + " is not planned: no online path is known to tideline — review it by hand";
        }
        ctx.noSafePath(text);
        return List.of();
    }

    private static String describe(Operation op) {
        String name = op.getClass().getSimpleName();
        return op.table() == null ? name : name + " on " + op.table();
    }
}
