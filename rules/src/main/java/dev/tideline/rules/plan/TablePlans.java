package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renaming, dropping and splitting tables. */
final class TablePlans {
    private TablePlans() {}

    /** Rename, and keep the old name working as an updatable view until no release uses it. */
    static List<Stage> rename(Ctx ctx, Operation.RenameTable r) {
        TableRef from = r.table();
        TableRef to = Sql.sibling(from, r.newName());
        List<String> statements = List.of(
                ctx.steps.suppressed("rename-table", "the view created next keeps the old name working in the same transaction",
                        "ALTER TABLE " + Quoting.table(from) + " RENAME TO " + Quoting.ident(r.newName())),
                "CREATE VIEW " + Quoting.table(from) + " AS SELECT * FROM " + Quoting.table(to));
        Stage first = new Stage("No change needed: the running release reaches " + r.newName() + " through the view "
                + from.name() + " (a simple view: SELECT, INSERT, UPDATE, DELETE work).", null,
                List.of(ctx.steps.ddl(Phase.EXPAND, statements, List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, from)),
                        "rename plus a compatibility view in one short transaction under lock_timeout",
                        "to_regclass(" + Quoting.literal(Quoting.table(to)) + ") IS NULL")));
        Stage second = Stage.of("Use " + r.newName() + " instead of " + from.name() + ".",
                "No running release uses " + from.name() + ".");
        Stage third = Stage.of(null, null, ctx.steps.ddl(Phase.CONTRACT, "DROP VIEW IF EXISTS " + Quoting.table(from),
                List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, from) + " (the view only)"),
                "contract: the compatibility view is no longer used"));
        ctx.note("while the view " + from + " exists, columns added to " + r.newName() + " are not visible through it"
                + " (SELECT * is expanded when the view is created): add such columns after the contract release");
        return List.of(first, second, third);
    }

    /** Release N: stop using the table; release N+1: drop it (and the foreign keys pointing at it). */
    static List<Stage> drop(Ctx ctx, Operation.DropTable d) {
        List<TableRef> existing = d.tables().stream().filter(t -> ctx.schema().exists(t) && !ctx.schema().isNew(t)).toList();
        List<String> statements = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        for (TableRef t : existing) {
            for (var ref : ctx.schema().tables()) {
                if (existing.stream().anyMatch(e -> e.sameAs(ref.ref()))) continue;
                for (ConstraintDef c : ref.constraints()) {
                    if (c.kind() == ConstraintDef.Kind.FOREIGN_KEY && c.referencedTable() != null && c.referencedTable().sameAs(t)) {
                        statements.add("ALTER TABLE " + Quoting.table(ref.ref()) + " DROP CONSTRAINT IF EXISTS " + Quoting.ident(c.name()));
                        locks.add(Steps.lock(LockMode.ACCESS_EXCLUSIVE, ref.ref()));
                    }
                }
            }
            locks.add(Steps.lock(LockMode.ACCESS_EXCLUSIVE, t));
        }
        String names = existing.stream().map(Quoting::table).collect(Collectors.joining(", "));
        statements.add(ctx.steps.suppressed("drop-table", "planned contract: the previous release stopped using it",
                "DROP TABLE IF EXISTS " + names + (d.cascade() ? " CASCADE" : "")));
        Stage stop = Stage.of("Stop reading and writing " + names + ".", "No running release uses " + names
                + " (and a backup exists if its data may be needed).");
        Stage contract = Stage.of(null, null, ctx.steps.ddl(Phase.CONTRACT, statements, locks,
                "contract: drops the unused table" + (statements.size() > 1 ? " and the foreign keys pointing at it" : "")
                        + " in one short transaction"));
        return List.of(stop, contract);
    }

    /**
     * Move columns to a new table: create it, sync writes of the old columns into it with a trigger, copy existing
     * rows in batches, switch the application, then drop the old columns and the trigger.
     */
    static List<Stage> split(Ctx ctx, FileFacts.Split split, Operation.CreateTable create) {
        TableRef from = split.from();
        TableRef to = create.table();
        String key = Quoting.ident(split.key());
        String newKey = Quoting.ident(split.newKey());
        boolean keyUnique = create.constraints().stream().anyMatch(c -> (c.kind() == ConstraintDef.Kind.PRIMARY_KEY
                || c.kind() == ConstraintDef.Kind.UNIQUE) && c.columns().equals(List.of(split.newKey())))
                || create.columns().stream().anyMatch(c -> c.name().equals(split.newKey()) && c.inlineConstraints().stream()
                .anyMatch(k -> k.kind() == ConstraintDef.Kind.PRIMARY_KEY || k.kind() == ConstraintDef.Kind.UNIQUE));
        if (!keyUnique) {
            ctx.noSafePath("moving columns to " + to + ": " + to + "." + split.newKey() + " is not a primary key or unique, so rows cannot"
                    + " be kept in sync by key; make it the primary key of " + to + " and plan again");
            return List.of();
        }
        List<String> moved = split.moved();
        String cols = newKey + ", " + moved.stream().map(Quoting::ident).collect(Collectors.joining(", "));
        String newValues = "NEW." + key + ", " + moved.stream().map(c -> "NEW." + Quoting.ident(c)).collect(Collectors.joining(", "));
        String anyMoved = moved.stream().map(c -> "NEW." + Quoting.ident(c) + " IS NOT NULL").collect(Collectors.joining(" OR "));
        String changed = "(" + moved.stream().map(c -> "NEW." + Quoting.ident(c)).collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ("
                + moved.stream().map(c -> "OLD." + Quoting.ident(c)).collect(Collectors.joining(", ")) + ")";
        String set = moved.stream().map(c -> Quoting.ident(c) + " = EXCLUDED." + Quoting.ident(c)).collect(Collectors.joining(", "));
        String fn = Triggers.functionName(from, to.name());
        String t = Quoting.table(to);
        List<Step> expand = new ArrayList<>();
        boolean referencesExisting = create.constraints().stream().anyMatch(c -> c.referencedTable() != null)
                || create.columns().stream().flatMap(c -> c.inlineConstraints().stream()).anyMatch(c -> c.referencedTable() != null);
        String createSql = ctx.statement.statement().text().strip().replaceFirst("(?is)^CREATE\\s+TABLE\\s+(?!IF\\s+NOT\\s+EXISTS)",
                "CREATE TABLE IF NOT EXISTS ");
        expand.add(referencesExisting
                ? ctx.steps.ddl(Phase.EXPAND, createSql, List.of(Steps.lock(LockMode.SHARE_ROW_EXCLUSIVE, from)),
                        "the new table; its foreign key takes a brief lock on " + from)
                : ctx.steps.plain(Phase.EXPAND, List.of(createSql), List.of(), "the new table (no lock on tables in use)"));
        expand.add(Triggers.function(ctx, from, fn, ""
                        + "IF TG_OP = 'DELETE' THEN\n"
                        + "  DELETE FROM " + t + " WHERE " + newKey + " = OLD." + key + ";\n"
                        + "  RETURN OLD;\n"
                        + "END IF;\n"
                        + "IF TG_OP = 'INSERT' AND NOT (" + anyMoved + ") THEN\n"
                        + "  RETURN NEW;\n"
                        + "END IF;\n"
                        + "IF TG_OP = 'UPDATE' AND NOT " + changed + " THEN\n"
                        + "  RETURN NEW;\n"
                        + "END IF;\n"
                        + "INSERT INTO " + t + " (" + cols + ") VALUES (" + newValues + ")\n"
                        + "  ON CONFLICT (" + newKey + ") DO UPDATE SET " + set + ";\n"
                        + "RETURN NEW;",
                "writes of the moved columns by the running release reach " + to.name()));
        String onDelete = Sql.name(fn, "del");
        expand.add(Triggers.create(ctx, from, fn, "AFTER INSERT OR UPDATE",
                "installs the sync trigger on " + from + " (after the row exists, for a foreign key to it)"));
        expand.add(Triggers.create(ctx, from, onDelete, fn, "BEFORE DELETE",
                "deletes follow before the row goes, so a foreign key to " + from + " never blocks them"));
        String notCopied = "NOT EXISTS (SELECT 1 FROM " + t + " n WHERE n." + newKey + " = src." + key + ") AND ("
                + moved.stream().map(c -> "src." + Quoting.ident(c) + " IS NOT NULL").collect(Collectors.joining(" OR ")) + ")";
        var keyModel = ctx.key(from);
        if (keyModel.isEmpty()) return List.of();
        Backfill copy = new Backfill(Quoting.table(from), key, null, notCopied, t, cols, ctx.options.batchSize(),
                ctx.options.batchPauseMs());
        expand.add(ctx.steps.backfill(copy, DataPlans.variableType(keyModel.get().type()),
                "copies existing rows in keyset batches; rows the trigger already wrote are kept (ON CONFLICT DO NOTHING)"));
        expand.add(ctx.steps.verify(copy.remainingSql(), "rows of " + from + " not yet copied to " + to));
        String movedList = String.join(", ", moved);
        Stage first = new Stage("No change: the trigger copies writes of " + movedList + " into " + to.name() + ".",
                "Copy finished and verified: every row of " + from.name() + " with " + movedList + " has its row in "
                        + to.name() + ".", expand);
        Stage second = Stage.of("Read and write " + movedList + " in " + to.name() + " (upsert by " + split.newKey()
                        + "; a missing row means they are all NULL), no longer in " + from.name() + ".",
                "No running release reads or writes " + movedList + " in " + from.name() + ".");
        List<String> contract = new ArrayList<>(Triggers.dropStatements(from, fn, fn, onDelete));
        for (String c : moved) {
            contract.add(ctx.steps.suppressed("drop-column", "planned contract: moved to " + to.name() + " and no running release"
                    + " uses it here", "ALTER TABLE " + Quoting.table(from) + " DROP COLUMN IF EXISTS " + Quoting.ident(c)));
        }
        Stage third = Stage.of(null, null, ctx.steps.ddl(Phase.CONTRACT, contract,
                List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, from)),
                "contract: drops the sync trigger and the moved columns in one short transaction"));
        return List.of(first, second, third);
    }
}
