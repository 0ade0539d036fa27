package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.ColumnModel;
import dev.tideline.analyzer.schema.IndexModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rename a column without breaking the running release: add the new column, keep both equal with a trigger,
 * backfill, switch the application, then drop the old column and the trigger.
 */
final class RenameColumnPlan {
    private RenameColumnPlan() {}

    static List<Stage> plan(Ctx ctx, Operation.RenameColumn r) {
        TableRef table = r.table();
        Optional<ColumnModel> model = ctx.column(table, r.from());
        if (model.isEmpty()) {
            ctx.noSafePath("column " + table + "." + r.from() + " is not in the schema model: the rename is not planned");
            return List.of();
        }
        if (ctx.isPrimaryKey(table, r.from()) || !ctx.referencing(table, r.from()).isEmpty()) {
            return lockstep(ctx, r, "it is a key other tables or the table's identity depend on");
        }
        if (ctx.key(table).isEmpty()) return lockstep(ctx, r, "the table has no single-column key to backfill by");
        ColumnModel old = model.get();
        String t = Quoting.table(table);
        String from = Quoting.ident(r.from());
        String to = Quoting.ident(r.to());
        String fn = Triggers.functionName(table, r.to());

        List<Step> expand = new ArrayList<>();
        List<String> ae = List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table));
        expand.add(ctx.steps.ddl(Phase.EXPAND, "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + to + " " + old.type(), ae,
                "the new name as a new column (a catalog change); no default yet, so the trigger can tell who wrote what"));
        expand.add(Triggers.function(ctx, table, fn, ""
                        + "IF TG_OP = 'INSERT' THEN\n"
                        + "  IF NEW." + to + " IS NULL THEN\n"
                        + "    NEW." + to + " := NEW." + from + ";\n"
                        + "  ELSE\n"
                        + "    NEW." + from + " := NEW." + to + ";\n"
                        + "  END IF;\n"
                        + "ELSIF NEW." + to + " IS DISTINCT FROM OLD." + to + " THEN\n"
                        + "  NEW." + from + " := NEW." + to + ";\n"
                        + "ELSE\n"
                        + "  NEW." + to + " := NEW." + from + ";\n"
                        + "END IF;\n"
                        + "RETURN NEW;",
                "dual write: whichever release writes, " + r.from() + " and " + r.to() + " stay equal"));
        expand.add(Triggers.create(ctx, table, fn, "BEFORE INSERT OR UPDATE",
                "installs the dual-write trigger (SHARE ROW EXCLUSIVE for a moment)"));
        Optional<Step> fill = DataPlans.fill(ctx, table, to + " = " + from, to + " IS DISTINCT FROM " + from,
                "copies " + r.from() + " into " + r.to() + " for existing rows in keyset batches");
        if (fill.isEmpty()) return List.of();
        expand.add(fill.get());
        expand.add(ctx.steps.verify("SELECT count(*) FROM " + t + " WHERE " + to + " IS DISTINCT FROM " + from,
                "rows of " + table + " where " + r.to() + " IS DISTINCT FROM " + r.from()));
        List<String[]> uniqueConstraints = new ArrayList<>();
        for (IndexModel i : ctx.indexesOn(table, r.from())) {
            String name = Sql.name(i.name().name().replace(r.from(), r.to()).equals(i.name().name())
                    ? i.name().name() + "_" + r.to() : i.name().name().replace(r.from(), r.to()));
            String where = i.where() == null ? null : i.where().replaceAll("\\b" + r.from() + "\\b", r.to());
            IndexModel rebuilt = i.withColumnRenamed(r.from(), r.to());
            expand.addAll(IndexPlans.build(ctx, table, name, i.unique(),
                    IndexModel.definition(rebuilt.elements(), i.method(), i.options(), where),
                    "the index " + i.name().name() + " of " + r.from() + ", built for " + r.to()));
            boolean constraint = ctx.table(table).map(m -> m.constraints().stream().anyMatch(c ->
                    c.kind() == ConstraintDef.Kind.UNIQUE && i.name().name().equals(c.name()))).orElse(false);
            if (constraint) uniqueConstraints.add(new String[] {i.name().name(), name});
        }
        for (ConstraintDef fk : outgoingForeignKeys(ctx, table, r.from())) {
            List<String> cols = fk.columns().stream().map(c -> c.equals(r.from()) ? r.to() : c).toList();
            ConstraintDef def = fk.named(Sql.name(fk.name(), r.to())).onColumns(cols).validated();
            expand.addAll(ConstraintPlans.validateLater(ctx, table, def.name(), def, ConstraintPlans.body(null, def)));
        }
        if (old.notNull()) expand.addAll(ConstraintPlans.notNullSteps(ctx, table, r.to()));

        Stage first = new Stage("No change yet: the trigger keeps " + r.from() + " and " + r.to() + " equal for the running release.",
                "Backfill finished and verified: 0 rows where " + r.to() + " IS DISTINCT FROM " + r.from() + ".", expand);
        Stage second = Stage.of("Read and write " + table + "." + r.to() + " instead of " + r.from()
                        + " (the trigger still fills " + r.from() + " for the release being replaced).",
                "No running release reads or writes " + table + "." + r.from() + ".");
        List<String> contract = new ArrayList<>(Triggers.dropStatements(table, fn));
        contract.add(ctx.steps.suppressed("drop-column", "planned contract: " + r.to() + " replaced it and no running release uses it",
                "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + from));
        if (old.defaultExpr() != null) contract.add("ALTER TABLE " + t + " ALTER COLUMN " + to + " SET DEFAULT " + old.defaultExpr());
        for (String[] u : uniqueConstraints) {
            contract.add("ALTER TABLE " + t + " ADD CONSTRAINT " + Quoting.ident(u[0]) + " UNIQUE USING INDEX " + Quoting.ident(u[1]));
        }
        Stage third = Stage.of(null, null, ctx.steps.ddl(Phase.CONTRACT, contract, ae,
                "contract: drops the trigger and the old column in one short transaction"
                        + (uniqueConstraints.isEmpty() ? "" : ", and turns the new unique index into the constraint")));
        return List.of(first, second, third);
    }

    /** No online path through a second column: rename in one short step, deployed together with the application. */
    private static List<Stage> lockstep(Ctx ctx, Operation.RenameColumn r, String why) {
        ctx.noSafePath("no safe online path for renaming " + r.table() + "." + r.from() + " (" + why + "); least-bad: the rename"
                + " itself is instant under lock_timeout — deploy it together with the application that uses " + r.to()
                + ", expecting errors from the old release until it is replaced");
        String sql = "ALTER TABLE " + Quoting.table(r.table()) + " RENAME COLUMN " + Quoting.ident(r.from()) + " TO " + Quoting.ident(r.to());
        return List.of(Stage.of("Deploy together with this step: use " + r.to() + " instead of " + r.from() + ".", null,
                ctx.steps.ddl(Phase.CONTRACT, ctx.steps.suppressed("rename-column", "least-bad, deployed in lockstep with"
                                + " the application (no online path)", sql),
                        List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, r.table())), "instant catalog change under lock_timeout")));
    }

    static List<ConstraintDef> outgoingForeignKeys(Ctx ctx, TableRef table, String column) {
        return ctx.table(table).map(m -> m.constraints().stream()
                .filter(c -> c.kind() == ConstraintDef.Kind.FOREIGN_KEY && c.columns().contains(column)).toList())
                .orElse(List.of());
    }
}
