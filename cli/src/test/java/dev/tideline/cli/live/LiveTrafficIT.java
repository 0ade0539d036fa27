package dev.tideline.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.Linter;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.plan.Phase;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Planner;
import dev.tideline.rules.plan.PlannerOptions;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The "proof, not promise": each risky change applied to a real PostgreSQL 15 holding 200k rows while a
 * concurrent workload plays the old application version (then the new one), once as the naive one-step migration
 * and once as the Planner's plan, release by release. Before each release a long application transaction
 * ({@link LongTransaction}, {@value #HOLD_MS} ms) is running, as one always is in production sooner or later.
 *
 * <p>The bound on a workload query's lock wait is the plan's lock_timeout + 1 s ({@value #BOUND_MS} ms): a planned
 * lock-taking step gives up after lock_timeout and retries, so nothing queues behind it longer than that. The naive
 * migration must exceed the bound (else this suite proves nothing); the plan must stay within it, with no failed
 * query and data equal to the stop-the-world result.
 */
class LiveTrafficIT {
    static final PgVersion PG = new PgVersion(15);
    static final PlannerOptions OPTIONS = PlannerOptions.defaults(PG);
    static final long BOUND_MS = OPTIONS.lockTimeoutMs() + 1000;
    static final long HOLD_MS = 4000;
    static final int THREADS = 4;

    record Measured(long maxLockWaitMs, long maxLatencyMs, long operations, long failures, List<String> firstFailures,
                    List<Workload.Write> writes, long millis) {
        String summary() {
            return "max lock wait " + maxLockWaitMs + " ms, max latency " + maxLatencyMs + " ms, " + operations
                    + " queries, " + failures + " failed" + (firstFailures.isEmpty() ? "" : " e.g. " + firstFailures);
        }
    }

    /** kind → {naive, planned} summaries, printed as a table at the end. */
    static final Map<Kind, String[]> RESULTS = new ConcurrentSkipListMap<>();

    @FunctionalInterface
    interface Deploy {
        void run(Workload workload) throws Exception;
    }

    @ParameterizedTest(name = "naive {0}")
    @EnumSource(Kind.class)
    void theNaiveMigrationMakesTheApplicationWaitBeyondTheBound(Kind kind) throws Exception {
        try (ScratchDb db = new ScratchDb(template)) {
            Measured m = underTraffic(db, kind, workload -> {
                LongTransaction longTx = new LongTransaction(db, HOLD_MS).start();
                Thread.sleep(300);
                new PlanRunner(db).runSql(kind.naiveSql, true);
                workload.switchTo(kind.newApp);
                longTx.join();
            });
            record(kind, "naive", m);
            assertTrue(m.maxLockWaitMs() > BOUND_MS, kind + ": the naive migration should block the workload beyond "
                    + BOUND_MS + " ms: " + m.summary());
        }
    }

    @ParameterizedTest(name = "planned {0}")
    @EnumSource(Kind.class)
    void thePlanKeepsTheApplicationRunningWithinTheBoundAndEndsWhereStopTheWorldWould(Kind kind, @TempDir Path dir) throws Exception {
        Plan plan = plan(kind, dir);
        assertFalse(plan.isEmpty(), kind + ": no plan: " + plan.notes());
        try (ScratchDb db = new ScratchDb(template)) {
            PlanRunner runner = new PlanRunner(db);
            Measured m = underTraffic(db, kind, workload -> {
                for (Release release : plan.releases()) {
                    // The old version must be gone before anything only it needed is removed.
                    if (release.steps().stream().anyMatch(s -> s.phase() == Phase.CONTRACT)) workload.switchTo(kind.newApp);
                    LongTransaction longTx = release.steps().isEmpty() ? null : new LongTransaction(db, HOLD_MS).start();
                    for (Step step : release.steps()) {
                        try {
                            runner.run(step);
                        } catch (Exception e) {
                            throw new AssertionError(kind + ": release " + release.number() + ", " + step.phase().id()
                                    + " step failed: " + e.getMessage() + "\n" + step.sql(), e);
                        }
                    }
                    if (longTx != null) longTx.join();
                }
                workload.switchTo(kind.newApp);
            });
            record(kind, "planned", m);
            assertEquals(0, m.failures(), kind + ": workload queries failed under the plan: " + m.summary());
            assertTrue(m.maxLockWaitMs() <= BOUND_MS, kind + ": a workload query waited beyond " + BOUND_MS + " ms: " + m.summary());
            StopTheWorld reference = new StopTheWorld(db);
            reference.build(kind, m.writes());
            assertEquals(List.of(), reference.differences(), kind + ": the plan's result differs from stop-the-world");
            if (kind == Kind.RENAME_COLUMN) { // once: the comparison itself can fail
                db.exec("UPDATE items SET quantity = quantity + 1 WHERE id = 7");
                assertEquals(List.of("1 rows of public.items not in stw.items, e.g. " + row(db, "public", 7),
                        "1 rows of stw.items not in public.items, e.g. " + row(db, StopTheWorld.SCHEMA, 7)), reference.differences());
            }
            if (!reference.extraIndexes().isEmpty()) {
                System.out.println("[live-traffic] " + kind.id() + ": the plan also built " + reference.extraIndexes());
            }
        }
    }

    static String row(ScratchDb db, String schema, long id) throws Exception {
        return db.string("SELECT to_jsonb(t)::text FROM " + schema + ".items t WHERE id = " + id);
    }

    /** The Planner's plan for the kind's naive migration, with the schema file replayed before it. */
    static Plan plan(Kind kind, Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__schema.sql"), Kind.SCHEMA);
        Path change = Files.writeString(dir.resolve("V2__change.sql"), kind.naiveSql + "\n");
        TidelineConfig config = TidelineConfig.defaults().withPgVersion(PG).withRunner(Runner.FLYWAY);
        var lint = new Linter(config).lint(new Analyzer(config.analyzerOptions()).analyze(List.of(change)));
        return new Planner(OPTIONS).plan(lint);
    }

    /** The seeded database every test copies. */
    static ScratchDb template;

    @BeforeAll
    static void seedTemplate() throws Exception {
        template = new ScratchDb();
        StopTheWorld.seed(template);
    }

    static Measured underTraffic(ScratchDb db, Kind kind, Deploy deploy) throws Exception {
        long start = System.nanoTime();
        Workload workload = new Workload(db, THREADS, kind.oldApp);
        long maxWait;
        try (LockWaitSampler sampler = new LockWaitSampler(db)) {
            workload.start();
            try {
                Thread.sleep(500);
                deploy.run(workload);
                Thread.sleep(500);
            } finally {
                workload.close();
            }
            maxWait = sampler.maxWaitMs();
        }
        return new Measured(maxWait, workload.maxLatencyMs(), workload.operations(), workload.failureCount(),
                workload.failures(), workload.writes(), (System.nanoTime() - start) / 1_000_000);
    }

    static void record(Kind kind, String how, Measured m) {
        System.out.printf("[live-traffic] %-20s %-8s %s (%d ms)%n", kind.id(), how, m.summary(), m.millis());
        String[] row = RESULTS.computeIfAbsent(kind, k -> new String[] {"not run", "not run"});
        // the worst stall next to how long the deploy took: a plan must also finish inside the deploy window
        row[how.equals("naive") ? 0 : 1] = m.maxLockWaitMs() + " ms in " + String.format("%.1f s", m.millis() / 1000.0)
                + (m.failures() == 0 ? "" : ", " + m.failures() + " failed queries");
    }

    @AfterAll
    static void table() throws Exception {
        if (template != null) template.close();
        System.out.println("[live-traffic] max lock wait of a workload query (bound " + BOUND_MS + " ms = lock_timeout "
                + OPTIONS.lockTimeoutMs() + " ms + 1 s; a " + HOLD_MS + " ms application transaction runs at each release)"
                + " in the deploy's total duration (" + Workload.SEED_ROWS + " rows, 0.5 s of traffic before and after included):");
        System.out.printf("[live-traffic] | %-20s | %-40s | %-40s |%n", "change", "naive one-step", "planned");
        RESULTS.forEach((kind, row) -> System.out.printf("[live-traffic] | %-20s | %-40s | %-40s |%n", kind.id(), row[0], row[1]));
    }
}
