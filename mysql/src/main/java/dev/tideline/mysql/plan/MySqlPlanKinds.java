package dev.tideline.mysql.plan;

import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.Clause;
import dev.tideline.mysql.effects.ClauseSql;
import dev.tideline.mysql.effects.OnlineDdl;
import dev.tideline.mysql.effects.LockLevel;
import dev.tideline.mysql.effects.Outcome;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.DefaultValue;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.TableName;
import dev.tideline.mysql.parse.MySqlRecognizer;
import dev.tideline.mysql.schema.MySqlSchema;
import dev.tideline.rules.plan.Backfill;
import dev.tideline.rules.plan.Phase;
import dev.tideline.rules.plan.Stage;
import dev.tideline.rules.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tideline.mysql.lint.MySqlRemedies.quote;

/**
 * MySQL's and MariaDB's plan kinds: each DDL statement on an existing table alone in its step with the explicit
 * ALGORITHM/LOCK clause that makes the server refuse rather than copy (vendor-correct: MySQL takes no LOCK with
 * INSTANT), a short lock_wait_timeout and a bounded retry; expand → backfill → contract for column renames, NOT NULL and
 * drops; an online schema-change tool (or MariaDB's online COPY) where only a copy with writes blocked exists.
 */
final class MySqlPlanKinds {
    /** The head of an ALTER TABLE, up to its sub-commands. */
    private static final Pattern ALTER_HEAD = Pattern.compile("(?is)\\s*ALTER\\s+(?:ONLINE\\s+)?(?:IGNORE\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
            + "(?:`(?:[^`]|``)*`|[\\w$]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)*`|[\\w$]+))?\\s+(.*)");

    /**
     * @param file    the planned file's name, for notes
     * @param st      the statement
     * @param schema  the tables as the statements before it left them
     * @param session the file's earlier SET statements, carried into each step's session
     * @param created keys of the tables and columns ({@link #columnKey}) the file creates: a DROP of one of them is a
     *                reset, not a drop to defer
     */
    record Ctx(String file, MySqlStatement st, MySqlSchema schema, List<String> session, java.util.Set<String> created) {
        String where() {
            return file + ":" + st.line();
        }

        String text() {
            return RunnerSql.strip(st.statement().text());
        }
    }

    private final MySqlSteps steps;
    private final MySqlVersion version;
    private final List<String> notes;
    private final List<String> noSafePath;

    MySqlPlanKinds(MySqlSteps steps, MySqlVersion version, List<String> notes, List<String> noSafePath) {
        this.steps = steps;
        this.version = version;
        this.notes = notes;
        this.noSafePath = noSafePath;
    }

    /** The stages of one top-level statement. */
    List<Stage> plan(Ctx ctx) {
        List<MySqlOperation> ops = ctx.st().operations();
        if (!MySqlRecognizer.complete(ops)) {
            String note = ctx.where() + ": not analysed, kept as written: " + firstLine(ctx.text());
            notes.add(note);
            noSafePath.add(note);
            return keep(ctx, "not analysed");
        }
        if (ops.size() != 1) return keep(ctx, "nothing to plan");
        MySqlOperation op = ops.get(0);
        Prediction p = ctx.st().predictions().get(0);
        if (op instanceof MySqlOperation.CreateRoutine) {
            return List.of(Stage.of(null, null, steps.kept(ctx.session(), List.of(ctx.text()), true, "a routine")));
        }
        if (op instanceof MySqlOperation.AlterTable at && !ctx.st().isNew(at.table())) return alter(ctx, at, p);
        if (op instanceof MySqlOperation.CreateIndex ci && !ctx.st().isNew(ci.table())) return online(ctx, ci.table(), p, Phase.EXPAND);
        if (op instanceof MySqlOperation.DropIndex di && !ctx.st().isNew(di.table())) return online(ctx, di.table(), p, Phase.CONTRACT);
        if (op instanceof MySqlOperation.DropTable dt && dt.tables().stream().anyMatch(t -> !ctx.st().isNew(t))
                && dt.tables().stream().noneMatch(t -> ctx.created().contains(t.key()))) {
            String names = String.join(", ", dt.tables().stream().map(t -> quote(t)).toList());
            return List.of(Stage.of("Stop reading and writing " + names + ".", "Every running instance is on a release that does not use "
                            + names + "."),
                    Stage.of(null, null, steps.ddl(Phase.CONTRACT, ctx.session(), ctx.text(), List.of(mdl(names)),
                            "dropped once no running release uses it")));
        }
        if (op instanceof MySqlOperation.RenameTables || op instanceof MySqlOperation.Truncate
                || op instanceof MySqlOperation.TableMaintenance) {
            if (op instanceof MySqlOperation.RenameTables) {
                noSafePath.add(ctx.where() + ": a table rename breaks the running release at once (no expand/contract path on"
                        + " MySQL): the application must accept both names first, e.g. through a view");
            }
            return List.of(Stage.of(null, null, steps.ddl(Phase.EXPAND, ctx.session(), ctx.text(), List.of(mdl("its tables")),
                    "a short metadata-lock wait, retried")));
        }
        return keep(ctx, "nothing risky on an existing table");
    }

    private List<Stage> keep(Ctx ctx, String why) {
        return List.of(Stage.of(null, null, steps.kept(ctx.session(), List.of(ctx.text()), false, why)));
    }

    private List<Stage> alter(Ctx ctx, MySqlOperation.AlterTable at, Prediction p) {
        MySqlSchema.Table table = ctx.schema().table(at.table());
        if (at.actions().size() == 1 && at.clauses().clause().isDefault()) {
            AlterAction a = at.actions().get(0);
            if (a instanceof AlterAction.RenameColumn r) return rename(ctx, at, table, r.from(), r.to(), null, p);
            if (a instanceof AlterAction.ChangeColumn c && !c.oldName().equalsIgnoreCase(c.column().name())) {
                return rename(ctx, at, table, c.oldName(), c.column().name(), c.column(), p);
            }
            if (a instanceof AlterAction.DropColumn d && !ctx.created().contains(columnKey(at.table(), d.name()))) {
                return List.of(Stage.of("Stop reading and writing " + quote(d.name()) + " of " + quote(at.table()) + ".",
                        "Every running instance is on a release that does not use " + quote(d.name()) + "."),
                        online(ctx, at.table(), p, Phase.CONTRACT).get(0));
            }
            ColumnDefinition redefined = a instanceof AlterAction.ModifyColumn m ? m.column()
                    : a instanceof AlterAction.ChangeColumn c ? c.column() : null;
            if (redefined != null && Boolean.FALSE.equals(redefined.nullable()) && table != null
                    && table.column(redefined.name()) != null && table.column(redefined.name()).nullable()) {
                return notNull(ctx, at, table, redefined, p);
            }
        }
        return online(ctx, at.table(), p, Phase.EXPAND);
    }

    /**
     * The statement with the cheapest clause the server runs without blocking writes; where there is none, the online
     * copy of a tool (or MariaDB's), else the statement as written with the note that it blocks writes.
     */
    private List<Stage> online(Ctx ctx, TableName table, Prediction p, Phase phase) {
        String written = ctx.text();
        if (!p.modelled()) {
            return List.of(Stage.of(null, null, steps.ddl(phase, ctx.session(), written, List.of(mdl(quote(table))),
                    "the online-DDL model does not classify it: kept as written, with a short metadata-lock wait")));
        }
        if (!written(ctx.st().operations().get(0)).isDefault()) {
            return List.of(Stage.of(null, null, steps.ddl(phase, ctx.session(), written, List.of(mdl(quote(table))),
                    "its own ALGORITHM/LOCK clause kept, with a short metadata-lock wait")));
        }
        Optional<Clause> clause = onlineClause(p);
        Optional<String> withClause = clause.flatMap(c -> ClauseSql.with(written, c));
        if (clause.isPresent() && withClause.isPresent()) {
            Outcome.Runs runs = (Outcome.Runs) p.outcome(clause.get());
            String how = runs.algorithm() == Algorithm.COPY ? "an online copy (writes continue)"
                    : runs.algorithm() + (runs.rebuild() ? ", rebuilding the table while reads and writes continue" : "");
            return List.of(Stage.of(null, null, steps.ddl(phase, ctx.session(), withClause.get(),
                    List.of(mdl(quote(table)) + "; " + LockLevel.NONE.meaning() + " during the work"),
                    how + ": " + clause.get().sql() + " makes the server refuse rather than copy with writes blocked")));
        }
        Matcher alter = ALTER_HEAD.matcher(written);
        if (ctx.st().operations().get(0) instanceof MySqlOperation.AlterTable && alter.matches()) {
            MySqlSchema.Table t = ctx.schema().table(table);
            boolean fks = t != null && t.columns().stream().anyMatch(c -> t.inForeignKey(c.name()));
            return List.of(Stage.of(null, null, steps.command(phase, OnlineCopy.command(version, table, alter.group(1).strip(), fks,
                    steps.lockWaitSeconds()), List.of("a short metadata lock at the tool's cut-over"),
                    "the server can only copy " + quote(table) + " with writes blocked: an online schema-change tool copies it"
                            + " while writes continue")));
        }
        String note = ctx.where() + ": no online path on " + version.display() + ": " + firstLine(written)
                + " blocks writes to " + quote(table) + " for its whole run";
        notes.add(note);
        noSafePath.add(note);
        return List.of(Stage.of(null, null, steps.ddl(phase, ctx.session(), written, List.of(mdl(quote(table)) + "; writes blocked"),
                "no online path: kept as written")));
    }

    private static Clause written(MySqlOperation op) {
        if (op instanceof MySqlOperation.AlterTable at) return at.clauses().clause();
        if (op instanceof MySqlOperation.CreateIndex ci) return ci.clauses().clause();
        if (op instanceof MySqlOperation.DropIndex di) return di.clauses().clause();
        return Clause.DEFAULT;
    }

    /** The cheapest clause under which the server runs the statement with reads and writes going on. */
    Optional<Clause> onlineClause(Prediction p) {
        List<Clause> candidates = new ArrayList<>();
        candidates.add(Clause.of(Algorithm.INSTANT, version.acceptsLockClauseWithInstant() ? LockLevel.NONE : null));
        if (version.hasNocopyAlgorithm()) candidates.add(Clause.of(Algorithm.NOCOPY, LockLevel.NONE));
        candidates.add(Clause.of(Algorithm.INPLACE, LockLevel.NONE));
        if (version.supportsOnlineCopy()) candidates.add(Clause.of(Algorithm.COPY, LockLevel.NONE));
        for (Clause c : candidates) if (p.outcome(c) instanceof Outcome.Runs) return Optional.of(c);
        return Optional.empty();
    }

    /**
     * Rename: add the new column, the application writes both, backfill, the application switches, drop the old one.
     *
     * @param redefined the new definition of a CHANGE COLUMN, or null for RENAME COLUMN (same definition)
     */
    private List<Stage> rename(Ctx ctx, MySqlOperation.AlterTable at, MySqlSchema.Table table, String from, String to,
                               ColumnDefinition redefined, Prediction p) {
        MySqlSchema.Column old = table == null ? null : table.column(from);
        List<String> key = table == null ? List.of() : table.primaryKey();
        if (old == null || key.size() != 1) {
            String note = ctx.where() + ": renaming " + quote(from) + " breaks the running release, and "
                    + (old == null ? "the column is not in the replayed schema" : "the table has no single-column primary key to backfill by")
                    + ": kept as one statement";
            notes.add(note);
            noSafePath.add(note);
            return online(ctx, at.table(), p, Phase.EXPAND);
        }
        String t = quote(at.table());
        String type = redefined != null ? definition(redefined.type().sql(), redefined.writtenCharset(), redefined.writtenCollation())
                : definition(old.type().sql(), old.charset(), old.collation());
        String addSql = withOnlineClause("ALTER TABLE " + t + " ADD COLUMN " + quote(to) + " " + type + " NULL", ctx.schema());
        Step expand = steps.ddl(Phase.EXPAND, ctx.session(), addSql, List.of(mdl(t)), "the new column, nullable, so the running"
                + " release's inserts go on");
        Backfill job = new Backfill(t, quote(key.get(0)), quote(to) + " = " + quote(from),
                "NOT (" + quote(to) + " <=> " + quote(from) + ")", null, null, steps.settings().batchSize(), steps.settings().pauseMs());
        List<Step> second = new ArrayList<>();
        if (!old.nullable()) {
            second.add(steps.ddl(Phase.EXPAND, ctx.session(), "ALTER TABLE " + t + " MODIFY " + quote(from) + " "
                            + definition(old.type().sql(), old.charset(), old.collation()) + " NULL, ALGORITHM=INPLACE, LOCK=NONE",
                    List.of(mdl(t)), "the old column made nullable, so a release that no longer writes it can insert"));
        }
        second.add(steps.backfill(ctx.session(), job, table.column(key.get(0)).type().sql(), "copies " + quote(from) + " into "
                + quote(to) + " in batches by " + quote(key.get(0))));
        second.add(steps.verify(MySqlBackfillSql.remaining(job), "0 rows of " + t + " where " + job.whereNotDone()));
        List<Step> contract = new ArrayList<>();
        contract.add(steps.ddl(Phase.CONTRACT, ctx.session(), withOnlineClause("ALTER TABLE " + t + " DROP COLUMN " + quote(from),
                ctx.schema()), List.of(mdl(t)), "the old column, once no running release uses it"));
        if (!old.nullable()) {
            contract.add(steps.ddl(Phase.CONTRACT, ctx.session(), "ALTER TABLE " + t + " MODIFY " + quote(to) + " " + type
                    + " NOT NULL, ALGORITHM=INPLACE, LOCK=NONE", List.of(mdl(t)), "NOT NULL as the old column was (a rebuild"
                    + " with reads and writes going on)"));
        }
        return List.of(
                new Stage("Write both " + quote(from) + " and " + quote(to) + " of " + t + " on every insert and update; keep reading "
                        + quote(from) + ".", "Every running instance writes both columns.", List.of(expand)),
                new Stage("Read " + quote(to) + " (keep writing both).", "0 rows of " + t + " where " + job.whereNotDone()
                        + ", and every running instance reads " + quote(to) + ".", second),
                Stage.of("Stop writing " + quote(from) + ".", "Every running instance is on a release that does not use " + quote(from) + "."),
                new Stage(null, null, contract));
    }

    /** NOT NULL on an existing column: the application stops writing NULL, the rows are filled, then the ALTER. */
    private List<Stage> notNull(Ctx ctx, MySqlOperation.AlterTable at, MySqlSchema.Table table, ColumnDefinition column, Prediction p) {
        String t = quote(at.table());
        String c = quote(column.name());
        List<Step> fill = new ArrayList<>();
        List<String> key = table.primaryKey();
        DefaultValue d = column.defaultValue();
        if (d != null && d.kind() == DefaultValue.Kind.CONSTANT && key.size() == 1) {
            Backfill job = new Backfill(t, quote(key.get(0)), c + " = " + d.text(), c + " IS NULL", null, null,
                    steps.settings().batchSize(), steps.settings().pauseMs());
            fill.add(steps.backfill(ctx.session(), job, table.column(key.get(0)).type().sql(), "fills the NULLs with the default"
                    + " in batches by " + quote(key.get(0))));
        }
        String gate = "SELECT COUNT(*) FROM " + t + " WHERE " + c + " IS NULL";
        fill.add(steps.verify(gate, "0 rows of " + t + " where " + c + " IS NULL"));
        return List.of(new Stage("Never write NULL into " + c + " of " + t + ".", "0 rows of " + t + " where " + c + " IS NULL.", fill),
                online(ctx, at.table(), p, Phase.CONTRACT).get(0));
    }

    /**
     * A statement the plan writes, with the cheapest online clause the model predicts for it on the table as it stands
     * (an indexed column's DROP is NOCOPY on MariaDB, INPLACE on MySQL, not INSTANT); as it is when there is none.
     */
    private String withOnlineClause(String sql, MySqlSchema schema) {
        Optional<Clause> clause = OnlineDdl.predictOne(sql, schema).flatMap(this::onlineClause);
        return clause.flatMap(c -> ClauseSql.with(sql, c)).orElse(sql);
    }

    /** The key {@code created} files a column under. */
    static String columnKey(TableName table, String column) {
        return table.key() + "." + column.toLowerCase(java.util.Locale.ROOT);
    }

    private static String definition(String type, String charset, String collation) {
        return type + (charset == null ? "" : " CHARACTER SET " + charset) + (collation == null ? "" : " COLLATE " + collation);
    }

    private String mdl(String what) {
        return "metadata lock on " + what + " (waits at most lock_wait_timeout " + steps.lockWaitSeconds() + " s, then retried)";
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
