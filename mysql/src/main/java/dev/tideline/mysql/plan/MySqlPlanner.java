package dev.tideline.mysql.plan;

import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.mysql.MySqlVersion;
import dev.tideline.mysql.effects.OnlineDdl;
import dev.tideline.mysql.lint.MySqlEngine;
import dev.tideline.mysql.lint.MySqlStatement;
import dev.tideline.mysql.lint.Statements;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.schema.MySqlSchema;
import dev.tideline.rules.engine.LintRequest;
import dev.tideline.rules.engine.Target;
import dev.tideline.rules.plan.EnginePlanner;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Planner;
import dev.tideline.rules.plan.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code tideline plan} for MySQL and MariaDB: reads the migrations as lint does, replays every file into a schema model
 * and asks {@link MySqlPlanKinds} for the stages of each statement of the planned files, with the schema as the
 * statements before it left it; the shared planner merges the stages into releases.
 */
public final class MySqlPlanner implements EnginePlanner {
    private final MySqlEngine engine;

    public MySqlPlanner(MySqlEngine engine) {
        this.engine = engine;
    }

    @Override
    public Planned plan(Target target, LintRequest request, Settings settings, Runner runner) {
        MySqlVersion version = MySqlEngine.version(target);
        MySqlEngine.ReadSets read = engine.read(target, request);
        List<Diagnostic> problems = new ArrayList<>(read.diagnostics());
        List<FileAnalysis> planned = new ArrayList<>();
        for (List<MySqlEngine.ReadFile> set : read.sets()) {
            for (MySqlEngine.ReadFile f : set) if (f.analysis().targeted()) planned.add(f.analysis());
        }
        Runner chosen = runner != null ? runner : planned.isEmpty() ? Runner.PLAIN : planned.get(0).runner();
        List<String> notes = new ArrayList<>();
        List<String> noSafePath = new ArrayList<>();
        MySqlSteps steps = new MySqlSteps(settings, new RunnerSql(chosen));
        MySqlPlanKinds kinds = new MySqlPlanKinds(steps, version, notes, noSafePath);
        List<List<Stage>> changes = new ArrayList<>();
        for (List<MySqlEngine.ReadFile> set : read.sets()) {
            MySqlSchema schema = new MySqlSchema(version);
            for (MySqlEngine.ReadFile f : set) {
                String name = String.valueOf(f.analysis().file().getFileName());
                if (f.analysis().targeted()) {
                    problems.addAll(f.diagnostics());
                    for (Diagnostic d : f.diagnostics()) {
                        if (d.severity() != Diagnostic.Severity.ERROR) continue;
                        String text = name + ":" + d.line() + ": " + d.message() + " (not planned)";
                        notes.add(text);
                        noSafePath.add(text);
                    }
                }
                new FileWalk(f.analysis().targeted(), name, schema, steps, kinds, changes).walk(f.file().statements());
            }
        }
        Plan plan = new Plan(Planner.merge(changes), List.copyOf(new LinkedHashSet<>(notes)), List.copyOf(new LinkedHashSet<>(noSafePath)));
        return new Planned(plan, chosen, planned, problems);
    }

    /** One file's statements in order: planned when the file is, always replayed into the schema. */
    private record FileWalk(boolean targeted, String name, MySqlSchema schema, MySqlSteps steps, MySqlPlanKinds kinds,
                            List<List<Stage>> changes) {
        void walk(List<MySqlStatement> statements) {
            java.util.Set<String> created = new java.util.HashSet<>();
            for (MySqlStatement st : statements) {
                for (MySqlOperation op : st.operations()) {
                    if (op instanceof MySqlOperation.CreateTable ct) created.add(ct.table().key());
                    if (!(op instanceof MySqlOperation.AlterTable at)) continue;
                    for (var a : at.actions()) {
                        if (a instanceof dev.tideline.mysql.model.AlterAction.AddColumn add) {
                            created.add(MySqlPlanKinds.columnKey(at.table(), add.column().name()));
                        }
                    }
                }
            }
            List<String> session = new ArrayList<>();
            List<String> transaction = null;
            for (MySqlStatement st : statements) {
                if (targeted && !st.called()) {
                    String text = RunnerSql.strip(st.statement().text());
                    List<MySqlOperation> ops = st.operations();
                    MySqlOperation only = ops.size() == 1 ? ops.get(0) : null;
                    if (only instanceof MySqlOperation.Transaction tx && (tx.command().equals("START") || tx.command().equals("BEGIN"))) {
                        transaction = new ArrayList<>();
                    }
                    if (transaction != null) {
                        transaction.add(text);
                        if (only instanceof MySqlOperation.Transaction tx && (tx.command().equals("COMMIT") || tx.command().equals("ROLLBACK"))) {
                            keep(session, transaction);
                            transaction = null;
                        }
                    } else if (only instanceof MySqlOperation.SetVariables || only instanceof MySqlOperation.Database db && db.command().equals("USE")) {
                        // the session the file's later statements run in: every step carries it (lock_wait_timeout is the plan's own)
                        if (!ops.stream().anyMatch(Statements::setsLockWaitTimeout)) session.add(text);
                    } else {
                        changes.add(kinds.plan(new MySqlPlanKinds.Ctx(name, st, schema, List.copyOf(session), created)));
                    }
                }
                for (MySqlOperation op : st.operations()) OnlineDdl.replay(op, schema);
            }
            if (transaction != null) keep(session, transaction);
        }

        private void keep(List<String> session, List<String> transaction) {
            changes.add(List.of(Stage.of(null, null, steps.kept(List.copyOf(session), transaction, false, "a transaction"))));
        }
    }

    @Override
    public String running(Runner runner) {
        String how = switch (runner) {
            case FLYWAY -> "Copy each `release-N/` directory's files into your Flyway location when that release ships."
                    + " Flyway reads the `DELIMITER` lines around the retry procedures.\n";
            case GOLANG_MIGRATE -> "Copy each `release-N/` directory's files into your migrations directory when that release"
                    + " ships, and connect with `multiStatements=true` (golang-migrate then sends a file as one text, which the"
                    + " server parses statement by statement, procedures included). After a failure, `migrate force` to the"
                    + " version before the failed step and run `up` again.\n";
            case LIQUIBASE -> "Include each `release-N/changelog-release-N.sql` in your changelog when that release ships;"
                    + " changesets are sent whole (`splitStatements:false`), so the JDBC URL needs `allowMultiQueries=true`.\n";
            case GOOSE -> "Copy each `release-N/` directory's files into your goose migrations directory when that release"
                    + " ships; each procedure sits between `StatementBegin` and `StatementEnd`.\n";
            case PRISMA, DIESEL, SQLX -> "Copy each `release-N/` directory's migrations in when that release ships; the runner"
                    + " sends a file as one text, which the server parses statement by statement, procedures included.\n";
            default -> "Run each `release-N/` directory's files in name order with `mysql --batch < FILE` (the client reads the"
                    + " `DELIMITER` lines) when that release ships.\n";
        };
        return "## Running the files\n\n" + how + "\n"
                + "MySQL and MariaDB commit every DDL statement on its own, so each DDL statement is alone in its file. Each"
                + " step sets `lock_wait_timeout` to a few seconds: a step that meets a long transaction gives up with error"
                + " 1205 instead of making every later query on the table wait behind it, and the file's retry procedure"
                + " tries again after a pause (a bounded number of times; then the error reaches the runner: run the file"
                + " again later). Backfills run in batches of their own transactions and resume where they stopped; they can"
                + " also run with `tideline backfill --plan-file plan.json --step N`, which throttles on replica lag with"
                + " `--replica`. A file holding only a commented command (gh-ost, pt-online-schema-change, Spirit) is a step"
                + " to run with that tool before the runner records the file.\n";
    }
}
