package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.GeneratedNames;
import dev.tideline.analyzer.schema.IndexModel;
import dev.tideline.analyzer.schema.TableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Index builds and drops: CONCURRENTLY, outside transactions, re-runnable. */
final class IndexPlans {
    private IndexPlans() {}

    static List<Stage> create(Ctx ctx, Operation.CreateIndex ci) {
        if (ctx.table(ci.table()).map(TableModel::partitioned).orElse(false)) {
            ctx.noSafePath("no safe online path for CREATE INDEX on partitioned table " + ci.table()
                    + " (CONCURRENTLY is not supported there); least-bad: CREATE INDEX ON ONLY the parent (instant, INVALID),"
                    + " CREATE INDEX CONCURRENTLY on each partition, then ALTER INDEX … ATTACH PARTITION each one");
            return List.of();
        }
        String name = ci.name() != null ? ci.name() : GeneratedNames.index(ci.table(), ci.columns());
        String definition = IndexModel.definition(ci.elements(), ci.method(), ci.options(), ci.where());
        return List.of(new Stage(null, null, build(ctx, ci.table(), name, ci.unique(), definition,
                "builds the index while reads and writes go on (a plain CREATE INDEX blocks writes for the whole build)")));
    }

    /**
     * Two non-transactional steps: drop a leftover of a failed build (an INVALID index that IF NOT EXISTS would
     * keep), then build concurrently.
     */
    static List<Step> build(Ctx ctx, TableRef table, String name, boolean unique, String definition, String reason) {
        TableRef index = Sql.sibling(table, name);
        List<String> locks = List.of(Steps.lock(LockMode.SHARE_UPDATE_EXCLUSIVE, table));
        List<Step> steps = new ArrayList<>();
        steps.add(ctx.steps.concurrent(Phase.EXPAND, "DROP INDEX CONCURRENTLY IF EXISTS " + Quoting.table(index), locks,
                "re-runnable: removes an INVALID index left by a failed concurrent build, which IF NOT EXISTS would"
                        + " keep (re-run from this step if the build fails)"));
        steps.add(ctx.steps.concurrent(Phase.EXPAND, "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS "
                + Quoting.ident(name) + " ON " + Quoting.table(table) + definition, locks, reason));
        return steps;
    }

    static List<Stage> drop(Ctx ctx, Operation.DropIndex di) {
        List<Step> steps = new ArrayList<>();
        for (TableRef index : di.indexes()) {
            Optional<IndexModel> model = ctx.schema().index(index);
            TableRef table = model.map(IndexModel::table).orElse(null);
            Optional<ConstraintDef> constraint = table == null ? Optional.empty() : ctx.table(table).flatMap(t ->
                    t.constraints().stream().filter(c -> index.name().equals(c.name())).findFirst());
            if (constraint.isPresent()) {
                steps.add(ctx.steps.ddl(Phase.CONTRACT, "ALTER TABLE " + Quoting.table(table) + " DROP CONSTRAINT IF EXISTS "
                                + Quoting.ident(index.name()), List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table)),
                        "the index backs constraint " + index.name() + ": dropping the constraint drops it (brief lock)"));
                continue;
            }
            if (di.cascade()) {
                ctx.note("DROP INDEX " + index + " CASCADE: CONCURRENTLY does not allow CASCADE; the plan drops the"
                        + " index alone — drop what depends on it first");
            }
            List<String> locks = table == null ? List.of() : List.of(Steps.lock(LockMode.SHARE_UPDATE_EXCLUSIVE, table));
            steps.add(ctx.steps.concurrent(Phase.CONTRACT, "DROP INDEX CONCURRENTLY IF EXISTS " + Quoting.table(index), locks,
                    "drops the index without blocking reads and writes (a plain DROP INDEX takes ACCESS EXCLUSIVE)"));
        }
        return steps.isEmpty() ? List.of() : List.of(new Stage(null, null, steps));
    }

    static List<Stage> reindex(Ctx ctx, Operation.Reindex r) {
        if (r.name() == null || !(r.target().equals("INDEX") || r.target().equals("TABLE"))) {
            ctx.noSafePath("REINDEX " + r.target() + " is not planned: reindex each index with REINDEX INDEX CONCURRENTLY");
            return List.of();
        }
        return List.of(new Stage(null, null, List.of(ctx.steps.concurrent(Phase.EXPAND,
                "REINDEX " + r.target() + " CONCURRENTLY " + Quoting.table(r.name()), List.of(),
                "rebuilds without blocking writes (a plain REINDEX blocks writes, and reads that use the index)"))));
    }
}
