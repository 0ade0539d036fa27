package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.model.Volatility;
import dev.tideline.analyzer.schema.ColumnModel;
import dev.tideline.analyzer.schema.GeneratedNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adding and dropping columns. */
final class ColumnPlans {
    private static final Pattern REFERENCES = Pattern.compile(
            "(?is)\\bREFERENCES\\b.*?(?=\\s+(?:CHECK|UNIQUE|PRIMARY|NOT\\s+NULL|NULL|DEFAULT|CONSTRAINT|COLLATE|GENERATED)\\b|$)");

    private ColumnPlans() {}

    /** No inline constraint to split off, no rewrite, and no NOT NULL without a default. */
    static boolean addIsHarmless(Ctx ctx, Operation.AddColumn ac, AnalyzedOperation aop) {
        ColumnDef c = ac.column();
        boolean constrained = c.inlineConstraints().stream().anyMatch(k -> k.kind() != ConstraintDef.Kind.NOT_NULL);
        return !constrained && !(c.notNull() && !c.hasDefault()) && !aop.effect().rewrite() && !aop.effect().scan();
    }

    static List<Stage> add(Ctx ctx, Operation.AddColumn ac, String clause) {
        TableRef table = ac.table();
        ColumnDef c = ac.column();
        String t = Quoting.table(table);
        String col = Quoting.ident(c.name());
        if (c.generated() != ColumnDef.Generated.NONE) {
            ctx.noSafePath("no safe online path for adding " + (c.generated() == ColumnDef.Generated.IDENTITY ? "identity" : "generated")
                    + " column " + table + "." + c.name() + ": it rewrites the table under ACCESS EXCLUSIVE; least-bad: add a"
                    + " plain column, fill new rows with a default or trigger and old rows with a batched backfill");
            return List.of();
        }
        boolean volatileDefault = c.hasDefault() && (c.defaultVolatility() == Volatility.VOLATILE || c.isSerial());
        List<Step> steps = new ArrayList<>();
        String add = "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + col + " " + c.type();
        if (c.hasDefault() && !volatileDefault) add += " DEFAULT " + c.defaultExpr() + (c.notNull() ? " NOT NULL" : "");
        List<String> aeLock = List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table));
        steps.add(ctx.steps.ddl(Phase.EXPAND, add, aeLock, volatileDefault
                ? "added without its volatile default, which would rewrite the table under ACCESS EXCLUSIVE"
                : "a new column " + (c.hasDefault() ? "with a constant default " : "") + "is a catalog change: brief lock, no rewrite"));
        boolean needsNotNull = c.notNull() && (volatileDefault || !c.hasDefault());
        if (volatileDefault) {
            steps.add(ctx.steps.ddl(Phase.EXPAND, "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET DEFAULT " + c.defaultExpr(),
                    aeLock, "new rows get the default from now on; existing rows are filled in batches below"));
            Optional<Step> fill = DataPlans.fill(ctx, table, col + " = " + c.defaultExpr(), col + " IS NULL",
                    "fills existing rows with the default in keyset batches, one short transaction each");
            if (fill.isEmpty()) return List.of();
            steps.add(fill.get());
            steps.add(ctx.steps.verify("SELECT count(*) FROM " + t + " WHERE " + col + " IS NULL",
                    "rows of " + table + " where " + c.name() + " IS NULL"));
            if (c.notNull()) steps.addAll(ConstraintPlans.notNullSteps(ctx, table, c.name()));
        }
        steps.addAll(inlineConstraints(ctx, table, c, clause));
        if (needsNotNull && !volatileDefault) {
            ctx.note("existing rows of " + table + " need a value in " + c.name() + " before it can be NOT NULL, and the"
                    + " migration gives none: tideline cannot choose it — fill them before release 2 (its VALIDATE step fails"
                    + " safely while NULLs remain), or give the column a constant DEFAULT");
            List<Stage> notNull = ConstraintPlans.setNotNull(ctx, table, c.name());
            return List.of(new Stage("Write " + c.name() + " on every INSERT into " + table + ".", notNull.get(0).gate(), steps),
                    notNull.get(1));
        }
        return List.of(new Stage(null, null, steps));
    }

    private static List<Step> inlineConstraints(Ctx ctx, TableRef table, ColumnDef c, String clause) {
        List<Step> steps = new ArrayList<>();
        for (ConstraintDef k : c.inlineConstraints()) {
            List<String> cols = k.columns().isEmpty() ? List.of(c.name()) : k.columns();
            ConstraintDef def = k.onColumns(cols).validated();
            String name = k.name() != null ? k.name() : GeneratedNames.constraint(table, def);
            switch (k.kind()) {
                case FOREIGN_KEY -> {
                    Matcher m = clause == null ? null : REFERENCES.matcher(clause);
                    String refs = m != null && m.find() ? m.group().strip()
                            : "REFERENCES " + Quoting.table(k.referencedTable()) + (k.referencedColumns() == null
                                    || k.referencedColumns().isEmpty() ? "" : " (" + ConstraintPlans.cols(k.referencedColumns()) + ")");
                    steps.addAll(ConstraintPlans.validateLater(ctx, table, name, def,
                            "FOREIGN KEY (" + Quoting.ident(c.name()) + ") " + refs));
                }
                case CHECK -> steps.addAll(ConstraintPlans.validateLater(ctx, table, name, def, "CHECK (" + k.expression() + ")"));
                case UNIQUE, PRIMARY_KEY -> steps.addAll(ConstraintPlans.usingIndex(ctx, table, name, def));
                default -> ctx.noSafePath("constraint " + name + " on the new column " + c.name() + " is not planned: add it by hand");
            }
        }
        return steps;
    }

    /**
     * Release N: the application stops using the column (its NOT NULL goes, so inserts that leave it out work);
     * release N+1 drops it.
     */
    static List<Stage> drop(Ctx ctx, Operation.DropColumn d) {
        TableRef table = d.table();
        String t = Quoting.table(table);
        String col = Quoting.ident(d.column());
        List<Step> first = new ArrayList<>();
        Optional<ColumnModel> model = ctx.column(table, d.column());
        if (model.map(m -> m.notNull() && m.defaultExpr() == null).orElse(false)) {
            first.add(ctx.steps.ddl(Phase.EXPAND, "ALTER TABLE " + t + " ALTER COLUMN " + col + " DROP NOT NULL",
                    List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table)),
                    "the new release no longer writes " + d.column() + ": its inserts must not fail on NOT NULL"));
        }
        if (!ctx.referencing(table, d.column()).isEmpty()) {
            ctx.note(table + "." + d.column() + " is referenced by foreign keys of other tables: drop those first"
                    + " (the plan's DROP COLUMN fails without CASCADE rather than drop them silently)");
        }
        Stage stop = new Stage("Stop reading and writing " + table + "." + d.column()
                + " (and ignore it in ORMs that select or insert every column).",
                "No running release uses " + table + "." + d.column() + ".", first);
        String drop = "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + col + (d.cascade() ? " CASCADE" : "");
        Stage contract = Stage.of(null, null, ctx.steps.ddl(Phase.CONTRACT,
                ctx.steps.suppressed("drop-column", "planned contract: the previous release stopped using it", drop),
                List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table)),
                "contract: no running release uses the column any more; the drop is a catalog change (brief lock)"));
        return List.of(stop, contract);
    }

    /**
     * DROP DEFAULT on a column in use: the running release's INSERTs rely on the default, so release N makes the
     * application write the column itself and release N+1 drops the default.
     */
    static List<Stage> dropDefault(Ctx ctx, Operation.DropDefault d) {
        TableRef table = d.table();
        Stage write = Stage.of("Write " + table + "." + d.column() + " on every INSERT into " + table
                        + " (its default goes away in the next release).",
                "No running release inserts into " + table + " without " + d.column() + ".");
        Stage contract = Stage.of(null, null, ctx.steps.ddl(Phase.CONTRACT, "ALTER TABLE " + Quoting.table(table)
                        + " ALTER COLUMN " + Quoting.ident(d.column()) + " DROP DEFAULT",
                List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table)),
                "contract: no running release relies on the default any more (a catalog change, brief lock)"));
        return List.of(write, contract);
    }
}
