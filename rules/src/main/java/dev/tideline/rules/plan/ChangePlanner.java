package dev.tideline.rules.plan;

import dev.tideline.analyzer.model.Quoting;
import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.rules.Locks;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans one statement: a statement with nothing risky is kept as written (with timeouts); otherwise each risky
 * operation becomes its plan kind's stages and each harmless one is kept as its own sub-command.
 */
final class ChangePlanner {
    private final PlannerOptions options;
    private final FileAnalysis file;
    private final FileFacts facts;
    private final List<String> notes;
    private final List<String> noSafePath;

    ChangePlanner(PlannerOptions options, FileAnalysis file, FileFacts facts, List<String> notes, List<String> noSafePath) {
        this.options = options;
        this.file = file;
        this.facts = facts;
        this.notes = notes;
        this.noSafePath = noSafePath;
    }

    List<List<Stage>> plan(AnalyzedStatement st) {
        Ctx ctx = new Ctx(options, file, st, facts, notes, noSafePath);
        List<AnalyzedOperation> work = st.operations().stream()
                .filter(op -> !(op.operation() instanceof Operation.SetSetting)
                        && !(op.operation() instanceof Operation.Transaction))
                .toList();
        if (work.isEmpty()) return List.of();
        List<List<Stage>> out = new ArrayList<>();
        if (work.stream().allMatch(op -> kind(ctx, op) == Kind.KEEP)) {
            out.add(List.of(Stage.of(null, null, keep(ctx, st.statement().text(), work))));
            return out;
        }
        List<String> clauses = SqlText.alterClauses(st.statement().text());
        for (int i = 0; i < work.size(); i++) {
            AnalyzedOperation op = work.get(i);
            Kind kind = kind(ctx, op);
            if (kind == Kind.KEEP) {
                if (clauses.size() == work.size() && op.operation().table() != null) {
                    String sql = "ALTER TABLE " + Quoting.table(op.operation().table()) + " " + clauses.get(i);
                    out.add(List.of(Stage.of(null, null, keep(ctx, sql, List.of(op)))));
                } else {
                    ctx.noSafePath("kept out of the plan, could not separate it from the statement: "
                            + op.operation().getClass().getSimpleName() + " — add it by hand");
                }
            } else if (kind == Kind.PLAN) {
                List<Stage> stages = planOne(ctx, op, clauses.size() == work.size() ? clauses.get(i) : null);
                if (!stages.isEmpty()) out.add(stages);
            }
        }
        return out;
    }

    private enum Kind { KEEP, PLAN, SKIP }

    /** KEEP: harmless as written; PLAN: has a plan kind (or a note); SKIP: covered by another change's plan. */
    private Kind kind(Ctx ctx, AnalyzedOperation aop) {
        Operation op = aop.operation();
        if (op instanceof Operation.Dml d && d.kind() == Operation.DmlKind.INSERT && d.table() != null
                && facts.splitInto(d.table()) != null) return Kind.SKIP;
        if (op instanceof Operation.DropColumn d && facts.splitMoving(d.table(), d.column()) != null) return Kind.SKIP;
        if (op instanceof Operation.CreateTable c && facts.splitInto(c.table()) != null) return Kind.PLAN;
        if (op instanceof Operation.Unrecognized) return Kind.PLAN;
        if (aop.onNewTable()) return Kind.KEEP;
        if (op instanceof Operation.CreateIndex) return Kind.PLAN; // even CONCURRENTLY: IF NOT EXISTS, INVALID leftover
        if (op instanceof Operation.DropIndex di) return di.concurrently() && di.indexes().size() == 1 ? Kind.KEEP : Kind.PLAN;
        if (op instanceof Operation.Reindex r) return r.concurrently() ? Kind.KEEP : Kind.PLAN;
        // Keys and foreign keys dropped to let a type change through stay until its swap, which drops them itself;
        // a key re-added on the changed column is the swap's USING INDEX, a foreign key re-added comes after the swap.
        if (op instanceof Operation.DropConstraint dc && facts.involvesTypeChange(dc.table(), dc.name())) return Kind.SKIP;
        if (op instanceof Operation.AddConstraint ac && recreatedAroundTypeChange(ac)) {
            return ac.constraint().kind() == ConstraintDef.Kind.FOREIGN_KEY ? Kind.PLAN : Kind.SKIP;
        }
        if (op instanceof Operation.AddConstraint ac) return ConstraintPlans.isHarmless(ac.constraint()) ? Kind.KEEP : Kind.PLAN;
        if (op instanceof Operation.DropDefault dd) {
            if (facts.typeChanged(dd.table(), dd.column())) return Kind.SKIP; // the swap leaves the new column without it
            return ctx.column(dd.table(), dd.column()).isPresent() ? Kind.PLAN : Kind.KEEP;
        }
        if (op instanceof Operation.ObjectChange oc && oc.verb().equals("DROP") && oc.objectType().equals("SEQUENCE")) {
            return SequencePlans.usedBy(ctx, oc).isEmpty() ? Kind.KEEP : Kind.PLAN;
        }
        if (op instanceof Operation.AddColumn ac) return ColumnPlans.addIsHarmless(ctx, ac, aop) ? Kind.KEEP : Kind.PLAN;
        if (op instanceof Operation.AlterColumnType) return aop.effect().rewrite() || aop.effect().scan() ? Kind.PLAN : Kind.KEEP;
        if (op instanceof Operation.SetNotNull) return aop.effect().scan() ? Kind.PLAN : Kind.KEEP;
        if (op instanceof Operation.DropTable d) {
            return d.tables().stream().allMatch(t -> ctx.schema().isNew(t) || !ctx.schema().exists(t)) ? Kind.KEEP : Kind.PLAN;
        }
        if (op instanceof Operation.Dml d) {
            return (d.kind() == Operation.DmlKind.UPDATE || d.kind() == Operation.DmlKind.DELETE)
                    && d.table() != null && ctx.schema().exists(d.table()) ? Kind.PLAN : Kind.KEEP;
        }
        if (op instanceof Operation.Vacuum v) return v.full() ? Kind.PLAN : Kind.KEEP;
        if (op instanceof Operation.AlterTableStorage) return aop.effect().rewrite() || aop.effect().scan() ? Kind.PLAN : Kind.KEEP;
        if (op instanceof Operation.DetachPartition d) return d.concurrently() ? Kind.KEEP : Kind.PLAN;
        if (op instanceof Operation.RefreshMaterializedView r) return r.concurrently() ? Kind.KEEP : Kind.PLAN;
        boolean alwaysPlanned = op instanceof Operation.DropColumn || op instanceof Operation.RenameColumn
                || op instanceof Operation.RenameTable || op instanceof Operation.Truncate
                || op instanceof Operation.LockTable || op instanceof Operation.Cluster
                || op instanceof Operation.DropSchema || op instanceof Operation.DropDatabase;
        return alwaysPlanned ? Kind.PLAN : Kind.KEEP;
    }

    private List<Stage> planOne(Ctx ctx, AnalyzedOperation aop, String clause) {
        Operation op = aop.operation();
        if (op instanceof Operation.CreateTable c) return TablePlans.split(ctx, facts.splitInto(c.table()), c);
        if (op instanceof Operation.CreateIndex ci) return IndexPlans.create(ctx, ci);
        if (op instanceof Operation.DropIndex di) return IndexPlans.drop(ctx, di);
        if (op instanceof Operation.Reindex r) return IndexPlans.reindex(ctx, r);
        if (op instanceof Operation.AddConstraint ac && recreatedAroundTypeChange(ac)) {
            List<Stage> stages = new ArrayList<>(List.of(new Stage(null, null, List.of())));
            stages.addAll(ConstraintPlans.add(ctx, ac.table(), ac.constraint(), clause));
            return stages;
        }
        if (op instanceof Operation.AddConstraint ac) return ConstraintPlans.add(ctx, ac.table(), ac.constraint(), clause);
        if (op instanceof Operation.DropDefault dd) return ColumnPlans.dropDefault(ctx, dd);
        if (op instanceof Operation.ObjectChange oc && oc.verb().equals("DROP") && oc.objectType().equals("SEQUENCE")) {
            return SequencePlans.drop(ctx, oc);
        }
        if (op instanceof Operation.AddColumn ac) return ColumnPlans.add(ctx, ac, clause);
        if (op instanceof Operation.AlterColumnType t) {
            return TypeChangePlan.plan(ctx.atFileStart().column(t.table(), t.column()).isPresent() ? ctx.atFileStart() : ctx, t);
        }
        if (op instanceof Operation.SetNotNull s) return ConstraintPlans.setNotNull(ctx, s.table(), s.column());
        if (op instanceof Operation.DropColumn d) return ColumnPlans.drop(ctx, d);
        if (op instanceof Operation.RenameColumn r) return RenameColumnPlan.plan(ctx, r);
        if (op instanceof Operation.RenameTable r) return TablePlans.rename(ctx, r);
        if (op instanceof Operation.DropTable d) return TablePlans.drop(ctx, d);
        if (op instanceof Operation.Dml d) return DataPlans.batched(ctx, d);
        return NoSafePath.note(ctx, aop);
    }

    /** A constraint this file dropped and adds again, holding a column whose type the file changes. */
    private boolean recreatedAroundTypeChange(Operation.AddConstraint ac) {
        String name = ac.constraint().name();
        return facts.dropsConstraint(ac.table(), name) && facts.involvesTypeChange(ac.table(), name);
    }

    /** A harmless statement as written, with the settings and the retry its locks call for. */
    private Step keep(Ctx ctx, String written, List<AnalyzedOperation> ops) {
        String sql = ops.size() == 1 ? rerunnable(written, ops.get(0).operation()) : written;
        List<TableLock> locks = new ArrayList<>();
        boolean transactional = true;
        for (AnalyzedOperation op : ops) {
            locks.addAll(Locks.onExistingTables(op, ctx.schema()));
            transactional &= op.effect().transactional();
        }
        locks = Locks.distinct(locks);
        List<String> described = locks.stream().map(l -> l.mode().sql() + " on " + Quoting.table(l.table())).toList();
        String reason = Step.KEPT_AS_WRITTEN + ": " + (locks.isEmpty() ? "takes no lock on a table in use"
                : Locks.describeAll(locks, "") + ", held briefly");
        if (!transactional) return ctx.steps.concurrent(Phase.EXPAND, sql, described, reason);
        boolean blocking = locks.stream().anyMatch(TableLock::blocksWrites);
        if (blocking) return ctx.steps.ddl(Phase.EXPAND, sql, described, reason);
        return ctx.steps.plain(Phase.EXPAND, List.of(sql), described, reason);
    }

    /** IF NOT EXISTS where the statement has the form and lacks it, so a failed deploy can run the step again. */
    static String rerunnable(String sql, Operation op) {
        if (op instanceof Operation.CreateTable c && !c.ifNotExists()) {
            return sql.replaceFirst("(?is)^(\\s*CREATE\\s+(?:UNLOGGED\\s+)?TABLE)\\s+", "$1 IF NOT EXISTS ");
        }
        if (op instanceof Operation.AddColumn a && !a.ifNotExists()) {
            return sql.replaceFirst("(?is)\\bADD\\s+(?:COLUMN\\s+)?(?!IF\\s+NOT\\s+EXISTS)", "ADD COLUMN IF NOT EXISTS ");
        }
        if (op instanceof Operation.CreateIndex i && !i.ifNotExists() && i.name() != null) {
            return sql.replaceFirst("(?is)^(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?)", "$1IF NOT EXISTS ");
        }
        return sql;
    }
}
