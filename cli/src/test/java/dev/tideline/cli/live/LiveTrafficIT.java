package dev.tideline.cli.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.PgVersion;
import dev.tideline.rules.plan.PlannerOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
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
    static final long HOLD_MS = 5000;
    static final int THREADS = 4;

    record Measured(long maxLockWaitMs, long maxLatencyMs, long operations, long failures, List<String> firstFailures,
                    List<Workload.Write> writes, long millis) {
        String summary() {
            return "max lock wait " + maxLockWaitMs + " ms, max latency " + maxLatencyMs + " ms, " + operations
                    + " queries, " + failures + " failed" + (firstFailures.isEmpty() ? "" : " e.g. " + firstFailures);
        }
    }

    static final Map<String, String> RESULTS = new ConcurrentSkipListMap<>();

    @FunctionalInterface
    interface Deploy {
        void run(Workload workload) throws Exception;
    }

    @ParameterizedTest(name = "naive {0}")
    @EnumSource(Kind.class)
    void theNaiveMigrationMakesTheApplicationWaitBeyondTheBound(Kind kind) throws Exception {
        try (ScratchDb db = new ScratchDb()) {
            seed(db);
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

    static void seed(ScratchDb db) throws Exception {
        for (String sql : PlanRunner.statements(Kind.SCHEMA)) db.exec(sql);
        for (String sql : Kind.SEED) db.exec(sql);
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
        String line = String.format("%-20s %-8s %s (%d ms)", kind.id(), how, m.summary(), m.millis());
        RESULTS.put(kind.ordinal() + how, line);
        System.out.println("[live-traffic] " + line);
    }

    @AfterAll
    static void table() {
        System.out.println("[live-traffic] bound on a workload query's lock wait: " + BOUND_MS + " ms (lock_timeout "
                + OPTIONS.lockTimeoutMs() + " ms + 1 s); long transaction before each release: " + HOLD_MS + " ms");
        RESULTS.values().forEach(l -> System.out.println("[live-traffic] " + l));
    }
}
