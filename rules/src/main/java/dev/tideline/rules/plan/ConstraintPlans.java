package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.ColumnModel;
import dev.tideline.analyzer.schema.GeneratedNames;
import dev.tideline.analyzer.schema.IndexModel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Constraints: NOT VALID then VALIDATE in a separate transaction; unique and primary keys USING INDEX. */
final class ConstraintPlans {
    private static final Pattern ADD_BODY = Pattern.compile("(?is)^ADD\\s+(?:CONSTRAINT\\s+(?:\"(?:[^\"]|\"\")*\"|\\S+)\\s+)?(.*)$");

    private ConstraintPlans() {}

    static boolean isHarmless(ConstraintDef c) {
        return switch (c.kind()) {
            case FOREIGN_KEY, CHECK, NOT_NULL -> c.notValid();
            case UNIQUE, PRIMARY_KEY -> c.usingIndex() != null;
            case EXCLUDE -> false;
        };
    }

    static List<Stage> add(Ctx ctx, TableRef table, ConstraintDef c, String clause) {
        String name = c.name() != null ? c.name() : GeneratedNames.constraint(table, c);
        switch (c.kind()) {
            case FOREIGN_KEY:
            case CHECK:
                return List.of(new Stage(null, null, validateLater(ctx, table, name, c, body(clause, c))));
            case UNIQUE:
            case PRIMARY_KEY:
                return List.of(new Stage(null, null, usingIndex(ctx, table, name, c)));
            case NOT_NULL:
                return c.columns().size() == 1 ? setNotNull(ctx, table, c.columns().get(0)) : List.of();
            default:
                ctx.noSafePath("no safe online path for exclusion constraint " + name + " on " + table + ": it builds its index"
                        + " under ACCESS EXCLUSIVE and cannot use USING INDEX; least-bad: add it with lock_timeout in a quiet"
                        + " moment, or enforce the rule with a unique index where one fits");
                return List.of();
        }
    }

    /** The constraint text after ADD [CONSTRAINT name], as written, else rendered from the model. */
    static String body(String clause, ConstraintDef c) {
        if (clause != null) {
            Matcher m = ADD_BODY.matcher(clause.strip());
            if (m.matches()) return m.group(1).replaceAll("(?i)\\s+NOT\\s+VALID\\s*$", "");
        }
        if (c.kind() == ConstraintDef.Kind.CHECK) return "CHECK (" + c.expression() + ")";
        return "FOREIGN KEY (" + cols(c.columns()) + ") REFERENCES " + Quoting.table(c.referencedTable())
                + (c.referencedColumns() == null || c.referencedColumns().isEmpty() ? "" : " (" + cols(c.referencedColumns()) + ")")
                + c.actionsSql();
    }

    /**
     * Add NOT VALID (a brief lock; new rows are checked from now on), then VALIDATE in its own transaction
     * (SHARE UPDATE EXCLUSIVE: reads and writes go on while it scans). A foreign key also gets an index on its
     * columns when none leads with them, so deletes on the parent do not scan the child.
     */
    static List<Step> validateLater(Ctx ctx, TableRef table, String name, ConstraintDef c, String body) {
        return validateLater(ctx, table, name, c, body, !hasLeadingIndex(ctx, table, c.columns()));
    }

    /** @param needsIndex a foreign key whose columns no index leads with (nor will once the plan's own indexes exist) */
    static List<Step> validateLater(Ctx ctx, TableRef table, String name, ConstraintDef c, String body, boolean needsIndex) {
        List<Step> steps = new ArrayList<>();
        List<String> addLocks = new ArrayList<>();
        List<String> validateLocks = new ArrayList<>();
        if (c.kind() == ConstraintDef.Kind.FOREIGN_KEY) {
            if (!c.columns().isEmpty() && needsIndex) {
                steps.addAll(IndexPlans.build(ctx, table, Sql.name(table.name(), String.join("_", c.columns()), "idx"), false,
                        " (" + cols(c.columns()) + ")", "an index on the foreign key columns, so deletes and key updates on "
                                + c.referencedTable() + " do not scan " + table));
            }
            addLocks.add(Steps.lock(LockMode.SHARE_ROW_EXCLUSIVE, table));
            addLocks.add(Steps.lock(LockMode.SHARE_ROW_EXCLUSIVE, c.referencedTable()));
            validateLocks.add(Steps.lock(LockMode.SHARE_UPDATE_EXCLUSIVE, table));
            validateLocks.add(Steps.lock(LockMode.ROW_SHARE, c.referencedTable()));
        } else {
            addLocks.add(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table));
            validateLocks.add(Steps.lock(LockMode.SHARE_UPDATE_EXCLUSIVE, table));
        }
        steps.add(ctx.steps.ddl(Phase.EXPAND, List.of("ALTER TABLE " + Quoting.table(table) + " ADD CONSTRAINT " + Quoting.ident(name)
                        + " " + body + " NOT VALID"), addLocks,
                "NOT VALID skips the check of existing rows: the lock is held only for a moment; new writes are checked",
                notExists(table, name)));
        steps.add(ctx.steps.scan(Phase.EXPAND, "ALTER TABLE " + Quoting.table(table) + " VALIDATE CONSTRAINT " + Quoting.ident(name),
                validateLocks, "checks existing rows in its own transaction under SHARE UPDATE EXCLUSIVE: reads and"
                        + " writes go on during the scan"));
        return steps;
    }

    /** Build a unique index concurrently, then attach it as the constraint (a brief lock, no scan). */
    static List<Step> usingIndex(Ctx ctx, TableRef table, String name, ConstraintDef c) {
        List<Step> steps = new ArrayList<>(IndexPlans.build(ctx, table, name, true, " (" + cols(c.columns()) + ")",
                "builds the constraint's unique index while reads and writes go on"));
        boolean pk = c.kind() == ConstraintDef.Kind.PRIMARY_KEY;
        if (pk) {
            for (String col : c.columns()) {
                if (!ctx.column(table, col).map(ColumnModel::notNull).orElse(false)) steps.addAll(notNullSteps(ctx, table, col));
            }
        }
        steps.add(ctx.steps.ddl(Phase.EXPAND, List.of("ALTER TABLE " + Quoting.table(table) + " ADD CONSTRAINT " + Quoting.ident(name)
                        + (pk ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + Quoting.ident(name) + c.actionsSql()),
                List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table)),
                "USING INDEX attaches the index built above: no scan, the lock is held only for a moment",
                notExists(table, name)));
        return steps;
    }

    /**
     * SET NOT NULL on a column in use: release N makes the application always write it; release N+1 proves it with
     * a CHECK (NOT VALID, then VALIDATE), which lets SET NOT NULL skip its scan (PostgreSQL 12+), then drops the CHECK.
     */
    static List<Stage> setNotNull(Ctx ctx, TableRef table, String column) {
        String t = Quoting.table(table);
        String c = Quoting.ident(column);
        Stage first = Stage.of("Always write a value into " + table + "." + column + " (never NULL).",
                "This release runs everywhere and no row has " + column + " IS NULL (fill existing NULLs first, e.g. with"
                        + " a batched backfill; the VALIDATE step fails safely while any remain).");
        List<Step> steps = new ArrayList<>();
        steps.add(ctx.steps.verify("SELECT count(*) FROM " + t + " WHERE " + c + " IS NULL", "rows of " + table
                + " where " + column + " IS NULL"));
        steps.addAll(notNullSteps(ctx, table, column));
        return List.of(first, new Stage(null, null, steps));
    }

    /** CHECK (col IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL (no scan thanks to the CHECK), drop the CHECK. */
    static List<Step> notNullSteps(Ctx ctx, TableRef table, String column) {
        String check = Sql.name(table.name(), column, "not_null");
        ConstraintDef def = new ConstraintDef(check, ConstraintDef.Kind.CHECK, List.of(column), null, List.of(),
                Quoting.ident(column) + " IS NOT NULL", false, null, "");
        List<Step> steps = new ArrayList<>(validateLater(ctx, table, check, def, "CHECK (" + Quoting.ident(column) + " IS NOT NULL)"));
        String setNotNull = "ALTER TABLE " + Quoting.table(table) + " ALTER COLUMN " + Quoting.ident(column) + " SET NOT NULL";
        if (ctx.options.retry()) {
            setNotNull = ctx.steps.suppressed("set-not-null", "the validated CHECK " + check
                    + " lets PostgreSQL skip the scan (tideline does not model locks inside this retry block)", setNotNull);
        }
        steps.add(ctx.steps.ddl(Phase.EXPAND, List.of(setNotNull,
                        "ALTER TABLE " + Quoting.table(table) + " DROP CONSTRAINT IF EXISTS " + Quoting.ident(check)),
                List.of(Steps.lock(LockMode.ACCESS_EXCLUSIVE, table)),
                "the validated CHECK proves no NULLs: SET NOT NULL skips the scan and holds its lock only for a moment"));
        return steps;
    }

    /** Guard for ADD CONSTRAINT, which has no IF NOT EXISTS. */
    static String notExists(TableRef table, String name) {
        return "NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = " + Quoting.literal(name) + " AND conrelid = "
                + Quoting.literal(Quoting.table(table)) + "::regclass)";
    }

    static boolean hasLeadingIndex(Ctx ctx, TableRef table, List<String> columns) {
        for (IndexModel i : ctx.table(table).map(t -> t.indexes()).orElse(List.of())) {
            if (i.columns().size() >= columns.size() && i.columns().subList(0, columns.size()).equals(columns)) return true;
        }
        return false;
    }

    static String cols(List<String> columns) {
        return String.join(", ", columns.stream().map(Quoting::ident).toList());
    }
}
