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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Change a column's type without a rewrite under lock: a new column of the new type filled by trigger and batched
 * backfill, its indexes built concurrently, then a swap by rename in one short transaction (primary key and
 * referencing foreign keys re-pointed, the foreign keys NOT VALID then validated), and the old column dropped later.
 */
final class TypeChangePlan {
    private static final Pattern NEXTVAL = Pattern.compile("(?i)nextval\\('([^']+)'(?:::regclass)?\\)");

    private TypeChangePlan() {}

    static List<Stage> plan(Ctx ctx, Operation.AlterColumnType op) {
        TableRef table = op.table();
        Optional<ColumnModel> model = ctx.column(table, op.column());
        if (model.isEmpty()) {
            ctx.noSafePath("column " + table + "." + op.column() + " is not in the schema model: the type change is not planned");
            return List.of();
        }
        ColumnModel old = model.get();
        for (ConstraintDef fk : RenameColumnPlan.outgoingForeignKeys(ctx, table, op.column())) {
            if (ctx.facts.dropsConstraint(table, fk.name())) continue; // the file re-creates it after the swaps
            List<String> refCols = fk.referencedColumns() == null ? List.of() : fk.referencedColumns();
            boolean keyChangesToo = refCols.isEmpty() ? ctx.primaryKey(fk.referencedTable())
                    .map(pk -> pk.columns().stream().anyMatch(c -> ctx.facts.typeChanged(fk.referencedTable(), c))).orElse(false)
                    : refCols.stream().anyMatch(c -> ctx.facts.typeChanged(fk.referencedTable(), c));
            if (keyChangesToo) {
                ctx.noSafePath("the type change of " + table + "." + op.column() + " is not planned together with the change of the"
                        + " key it references (" + fk.referencedTable() + "): its foreign key would pin the key's old index —"
                        + " ship the key's plan first, then plan this column's change in a later migration");
                return List.of();
            }
        }
        String t = Quoting.table(table);
        String col = Quoting.ident(op.column());
        String tmpName = Sql.name(op.column(), "new");
        String oldName = Sql.name(op.column(), "old");
        String tmp = Quoting.ident(tmpName);
        String type = op.newType();
        // Without USING, ALTER TYPE converts by assignment (an error on a value that does not fit, never a silent
        // truncation as an explicit cast to varchar(n) would do): the copy assigns the column as it is.
        String using = op.using() != null ? op.using() : col;
        String compared = op.using() != null ? op.using() : col + "::" + type;
        String fromRow = Pattern.compile("(?<![\\w$.])" + Pattern.quote(col) + "(?![\\w$])").matcher(using)
                .replaceAll(Matcher.quoteReplacement("NEW." + col));
        String fn = Triggers.functionName(table, tmpName);
        boolean pk = ctx.isPrimaryKey(table, op.column());
        List<Ctx.Referencing> referencing = ctx.referencing(table, op.column());
        List<String> ae = List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table));

        List<Step> expand = new ArrayList<>();
        expand.add(ctx.steps.ddl(Phase.EXPAND, "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + tmp + " " + type, ae,
                "the new type as a new column (a catalog change, no rewrite)"));
        expand.add(Triggers.function(ctx, table, fn, "NEW." + tmp + " := " + fromRow + ";\nRETURN NEW;",
                "every write by the running release also fills " + tmpName));
        expand.add(Triggers.create(ctx, table, fn, "BEFORE INSERT OR UPDATE", "installs the sync trigger"));
        Optional<Step> fill = DataPlans.fill(ctx, table, tmp + " = " + using, tmp + " IS DISTINCT FROM (" + compared + ")",
                "converts existing rows into " + tmpName + " in keyset batches");
        if (fill.isEmpty()) return List.of();
        expand.add(fill.get());
        expand.add(ctx.steps.verify("SELECT count(*) FROM " + t + " WHERE " + tmp + " IS DISTINCT FROM (" + compared + ")",
                "rows of " + table + " where " + tmpName + " differs from the converted " + op.column()));

        List<String> swapDrops = new ArrayList<>();
        List<String> swapAdds = new ArrayList<>();
        List<String> swapLocks = new ArrayList<>(ae);
        List<Step> validations = new ArrayList<>();
        // What the plan built under a temporary name takes the original's name once the original is gone, so the
        // schema ends as the migration would have left it.
        List<String> renames = new ArrayList<>();
        for (IndexModel i : ctx.indexesOn(table, op.column())) {
            String name = Sql.name(i.name().name(), "new");
            String where = i.where() == null ? null : i.where().replaceAll("\\b" + op.column() + "\\b", tmpName);
            IndexModel rebuilt = i.withColumnRenamed(op.column(), tmpName);
            expand.addAll(IndexPlans.build(ctx, table, name, i.unique(),
                    IndexModel.definition(rebuilt.elements(), i.method(), i.options(), where),
                    "index " + i.name().name() + " rebuilt on the new column, ready for the swap (the old one goes with"
                            + " the old column)"));
            Optional<ConstraintDef> backs = ctx.table(table).flatMap(m -> m.constraints().stream()
                    .filter(c -> i.name().name().equals(c.name())).findFirst());
            if (backs.isPresent()) {
                boolean isPk = backs.get().kind() == ConstraintDef.Kind.PRIMARY_KEY;
                swapDrops.add("ALTER TABLE " + t + " DROP CONSTRAINT " + Quoting.ident(backs.get().name()));
                swapAdds.add("ALTER TABLE " + t + " ADD CONSTRAINT " + Quoting.ident(backs.get().name())
                        + (isPk ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + Quoting.ident(name) + backs.get().actionsSql());
            } else {
                renames.add("ALTER INDEX IF EXISTS " + Quoting.table(Sql.sibling(table, name)) + " RENAME TO "
                        + Quoting.ident(i.name().name()));
            }
        }
        for (ConstraintDef fk : RenameColumnPlan.outgoingForeignKeys(ctx, table, op.column())) {
            if (ctx.facts.dropsConstraint(table, fk.name())) {
                swapDrops.add(0, "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Quoting.ident(fk.name()));
                continue;
            }
            List<String> cols = fk.columns().stream().map(c -> c.equals(op.column()) ? tmpName : c).toList();
            ConstraintDef def = fk.named(Sql.name(fk.name(), "new")).onColumns(cols).validated();
            expand.addAll(ConstraintPlans.validateLater(ctx, table, def.name(), def, ConstraintPlans.body(null, def),
                    !ConstraintPlans.hasLeadingIndex(ctx, table, fk.columns())));
            renames.add("ALTER TABLE " + t + " RENAME CONSTRAINT " + Quoting.ident(def.name()) + " TO " + Quoting.ident(fk.name()));
        }
        if (old.notNull()) {
            String check = Sql.name(table.name(), tmpName, "not_null");
            ConstraintDef def = new ConstraintDef(check, ConstraintDef.Kind.CHECK, List.of(tmpName), null, List.of(),
                    tmp + " IS NOT NULL", false, null, "");
            expand.addAll(ConstraintPlans.validateLater(ctx, table, check, def, "CHECK (" + tmp + " IS NOT NULL)"));
            swapAdds.add(0, "ALTER TABLE " + t + " DROP CONSTRAINT " + Quoting.ident(check));
            swapAdds.add(0, suppressNotNull(ctx, check, "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET NOT NULL"));
        }
        for (Ctx.Referencing ref : referencing) {
            ConstraintDef fk = ref.constraint();
            swapLocks.add(Steps.lock(LockMode.ACCESS_EXCLUSIVE, ref.table()));
            // IF EXISTS: the swap of the referencing column, earlier in this release, may have taken it already.
            swapDrops.add(0, "ALTER TABLE " + Quoting.table(ref.table()) + " DROP CONSTRAINT IF EXISTS " + Quoting.ident(fk.name()));
            if (ctx.facts.dropsConstraint(ref.table(), fk.name())) continue; // the file drops it, or re-adds it after the swaps
            swapAdds.add("ALTER TABLE " + Quoting.table(ref.table()) + " ADD CONSTRAINT " + Quoting.ident(fk.name()) + " FOREIGN KEY ("
                    + ConstraintPlans.cols(fk.columns()) + ") REFERENCES " + t + " (" + col + ")" + fk.actionsSql() + " NOT VALID");
            validations.add(ctx.steps.scan(Phase.CONTRACT, "ALTER TABLE " + Quoting.table(ref.table()) + " VALIDATE CONSTRAINT "
                            + Quoting.ident(fk.name()), List.of(Steps.lock(LockMode.SHARE_UPDATE_EXCLUSIVE, ref.table()),
                            Steps.lock(LockMode.ROW_SHARE, table)),
                    "re-checks the re-pointed foreign key in its own transaction; reads and writes go on"));
            ctx.note("foreign key " + ref.table() + "." + fk.name() + " is re-created as (" + String.join(", ", fk.columns())
                    + ") REFERENCES " + table + " (" + op.column() + ")" + fk.actionsSql() + "; " + ref.table() + "."
                    + String.join(", ", fk.columns()) + " keeps its type (plan its own change if it must widen too)");
        }

        List<String> swap = new ArrayList<>();
        swap.add("DROP TRIGGER IF EXISTS " + Quoting.ident(fn) + " ON " + t);
        swap.addAll(swapDrops);
        swap.add(ctx.steps.suppressed("rename-column", "swap: " + tmpName + " takes the name " + op.column()
                + " in the same transaction, so every query keeps working", "ALTER TABLE " + t + " RENAME COLUMN " + col + " TO " + Quoting.ident(oldName)));
        swap.add(ctx.steps.suppressed("rename-column", "swap, same transaction as above",
                "ALTER TABLE " + t + " RENAME COLUMN " + tmp + " TO " + col));
        if (old.notNull()) swap.add("ALTER TABLE " + t + " ALTER COLUMN " + Quoting.ident(oldName) + " DROP NOT NULL");
        boolean serial = old.type().matches("(small|big)?serial[248]?")
                || (old.defaultExpr() != null && old.defaultExpr().toLowerCase(java.util.Locale.ROOT).startsWith("nextval("));
        if (old.defaultExpr() != null && ctx.facts.dropsDefault(table, op.column())) {
            // The migration drops the default: the running release used it until this swap; the new column has none.
            swap.add("ALTER TABLE " + t + " ALTER COLUMN " + Quoting.ident(oldName) + " DROP DEFAULT");
        } else if (serial) {
            Matcher seq = NEXTVAL.matcher(old.defaultExpr() == null ? "" : old.defaultExpr());
            boolean named = seq.find();
            String seqName = named ? seq.group(1) : Quoting.table(Sql.sibling(table, SequencePlans.serialSequence(table, op.column())));
            swap.add("ALTER TABLE " + t + " ALTER COLUMN " + Quoting.ident(oldName) + " DROP DEFAULT");
            swap.add("ALTER TABLE " + t + " ALTER COLUMN " + col + " SET DEFAULT nextval(" + Quoting.literal(seqName) + ")");
            if (type.matches("bigint|int8")) swap.add("ALTER SEQUENCE " + seqName + " AS bigint");
            swap.add("ALTER SEQUENCE " + seqName + " OWNED BY " + t + "." + col);
            if (!named) {
                ctx.note("the swap moves the default of " + table + "." + op.column() + " to the sequence " + seqName
                        + " (the serial naming convention): check the name if the sequence was created otherwise");
            }
        } else if (old.defaultExpr() != null) {
            swap.add("ALTER TABLE " + t + " ALTER COLUMN " + Quoting.ident(oldName) + " DROP DEFAULT");
            swap.add("ALTER TABLE " + t + " ALTER COLUMN " + col + " SET DEFAULT " + old.defaultExpr());
        }
        swap.addAll(swapAdds);
        if (pk || !referencing.isEmpty()) {
            ctx.note("views over " + table + "." + op.column() + " keep pointing at the old column after the swap: re-create them in"
                    + " the swap step");
        }
        Stage first = new Stage("No change: the trigger fills " + tmpName + " for every write of the running release.",
                "Backfill finished and verified (0 rows where " + tmpName + " differs), every new index valid.", expand);
        List<Step> swapSteps = new ArrayList<>();
        swapSteps.add(ctx.steps.ddl(Phase.CONTRACT, swap, swapLocks,
                "the swap: one short transaction under lock_timeout renames the converted column into place"
                        + (pk ? ", moves the primary key onto its prebuilt index" : "")
                        + (referencing.isEmpty() ? "" : " and re-points the referencing foreign keys NOT VALID")));
        swapSteps.addAll(validations);
        Stage second = new Stage("Deploy an application that handles " + op.column() + " as " + type
                + " (same name) before this release's step.", validations.isEmpty() ? "Swap done."
                : "Swap done and every re-pointed foreign key validated.", swapSteps);
        List<String> contract = new ArrayList<>();
        contract.add(ctx.steps.suppressed("drop-column", "planned contract: the old-type copy, unused since the swap",
                "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + Quoting.ident(oldName)));
        contract.add("DROP FUNCTION IF EXISTS " + Quoting.table(Sql.sibling(table, fn)) + "()");
        contract.addAll(renames);
        Stage third = Stage.of(null, null, ctx.steps.ddl(Phase.CONTRACT, contract, ae,
                "contract: drops the old-type column (a catalog change, brief lock)"));
        return List.of(first, second, third);
    }

    private static String suppressNotNull(Ctx ctx, String check, String sql) {
        if (!ctx.options.retry()) return sql;
        return ctx.steps.suppressed("set-not-null", "the validated CHECK " + check + " lets PostgreSQL skip the scan"
                + " (tideline does not model locks inside this retry block)", sql);
    }
}
