package dev.tideline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.cli.live.ScratchDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tideline backfill} run by a superuser (postgres) on a database where a real low-privilege role has planted
 * objects meant to run inside the backfill; and two runs of one job at once. PostgreSQL 15, a scratch database each.
 */
class BackfillSecurityTest {
    static final String SET = BackfillCommandTest.SET;
    static final String WHERE = BackfillCommandTest.WHERE;
    /** Columns as tideline's checkpoint table has them, so tideline would take the planted table for its own. */
    static final String CHECKPOINT_COLUMNS = "(job text PRIMARY KEY, last_key text, end_key text, batches bigint NOT NULL DEFAULT 0,"
            + " rows_done bigint NOT NULL DEFAULT 0, started_at timestamptz NOT NULL DEFAULT now(),"
            + " updated_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz)";

    final String attacker = "tideline_bf_attacker_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    ScratchDb db;

    @BeforeEach
    void databaseAndRole() throws Exception {
        db = new ScratchDb();
        db.exec("CREATE TABLE items (id int PRIMARY KEY, qty int, new_qty bigint);"
                + "INSERT INTO items SELECT g, g % 97, NULL FROM generate_series(1, 5000) g;"
                + "CREATE ROLE " + attacker + " LOGIN NOSUPERUSER");
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
        try (Connection c = DriverManager.getConnection(ScratchDb.SERVER + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS " + attacker);
        }
    }

    CliRun backfill(String... options) {
        CliRun run = CliRun.of(BackfillCommandTest.args(db, options));
        assertFalse(run.hasStackTrace(), run.toString());
        return run;
    }

    /** The attacker's trigger function: run by a superuser, it makes the attacker one. */
    void plantEscalation() throws Exception {
        asAttacker("CREATE FUNCTION public.escalate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " EXECUTE 'ALTER ROLE " + attacker + " SUPERUSER'; RETURN NEW; END $$");
    }

    void asAttacker(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(ScratchDb.SERVER + db.name, attacker, "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    boolean attackerIsSuperuser() throws Exception {
        return Boolean.parseBoolean(db.string("SELECT rolsuper::text FROM pg_roles WHERE rolname = '" + attacker + "'"));
    }

    /** A database whose public schema others may write (every database made before PostgreSQL 15). */
    @Test
    void aCheckpointTablePlantedInPublicIsNeverUsed() throws Exception {
        db.exec("GRANT CREATE ON SCHEMA public TO " + attacker);
        plantEscalation();
        asAttacker("CREATE TABLE public.tideline_backfill_checkpoint " + CHECKPOINT_COLUMNS + ";"
                + "CREATE TABLE public.backfill_checkpoint " + CHECKPOINT_COLUMNS + ";"
                + "CREATE TRIGGER t1 BEFORE INSERT OR UPDATE ON public.tideline_backfill_checkpoint FOR EACH ROW EXECUTE FUNCTION public.escalate();"
                + "CREATE TRIGGER t2 BEFORE INSERT OR UPDATE ON public.backfill_checkpoint FOR EACH ROW EXECUTE FUNCTION public.escalate();"
                + "GRANT ALL ON public.tideline_backfill_checkpoint, public.backfill_checkpoint TO PUBLIC");
        CliRun run = backfill();
        assertFalse(attackerIsSuperuser(), "the planted trigger ran as the superuser:\n" + run);
        assertEquals(0, run.code(), run.toString());
        assertEquals("postgres", db.string("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'tideline.backfill_checkpoint'::regclass"));
        assertEquals(0, db.count("SELECT count(*) FROM public.tideline_backfill_checkpoint")
                + db.count("SELECT count(*) FROM public.backfill_checkpoint"));
    }

    @Test
    void aTidelineSchemaOfAnotherRoleIsRefused() throws Exception {
        db.exec("GRANT CREATE ON DATABASE " + db.name + " TO " + attacker + "; GRANT CREATE ON SCHEMA public TO " + attacker);
        plantEscalation();
        asAttacker("CREATE SCHEMA tideline; CREATE TABLE tideline.backfill_checkpoint " + CHECKPOINT_COLUMNS + ";"
                + "CREATE TRIGGER t BEFORE INSERT OR UPDATE ON tideline.backfill_checkpoint FOR EACH ROW EXECUTE FUNCTION public.escalate();"
                + "GRANT USAGE ON SCHEMA tideline TO PUBLIC; GRANT ALL ON tideline.backfill_checkpoint TO PUBLIC");
        CliRun run = backfill();
        assertFalse(attackerIsSuperuser(), run.toString());
        assertEquals(2, run.code(), run.toString());
        assertEquals("tideline backfill: refusing to use the checkpoint: schema tideline belongs to role " + attacker
                + ", not to postgres (the role running this backfill); what another role put there would run with this"
                + " role's rights. Inspect it, then drop it (or run as its owner)", lastLine(run));
        assertEquals(5000, db.count("SELECT count(*) FROM items WHERE " + WHERE), "nothing was done");
    }

    @Test
    void aTidelineSchemaOthersMayCreateInIsRefused() throws Exception {
        db.exec("CREATE SCHEMA tideline; GRANT CREATE ON SCHEMA tideline TO " + attacker);
        CliRun run = backfill();
        assertEquals(2, run.code(), run.toString());
        assertTrue(lastLine(run).startsWith("tideline backfill: refusing to use the checkpoint: other roles may create objects in schema tideline;"),
                run.toString());
    }

    /** A role given TRIGGER on the checkpoint table adds a trigger between two runs. */
    @Test
    void aTriggerOnTheCheckpointTableIsRefused() throws Exception {
        assertEquals(3, backfill("--max-batches", "1").code());
        db.exec("GRANT CREATE ON SCHEMA public TO " + attacker + "; GRANT USAGE ON SCHEMA tideline TO " + attacker
                + "; GRANT TRIGGER ON tideline.backfill_checkpoint TO " + attacker);
        plantEscalation();
        asAttacker("CREATE TRIGGER sneaky BEFORE UPDATE ON tideline.backfill_checkpoint FOR EACH ROW EXECUTE FUNCTION public.escalate()");
        CliRun run = backfill();
        assertFalse(attackerIsSuperuser(), run.toString());
        assertEquals(2, run.code(), run.toString());
        assertTrue(lastLine(run).startsWith("tideline backfill: refusing to use the checkpoint: table tideline.backfill_checkpoint has"
                + " triggers (sneaky);"), run.toString());
        assertEquals(4000, db.count("SELECT count(*) FROM items WHERE " + WHERE), "only the first run's batch was done");
    }

    /** A deploy role that may update the table but not create schemas is told how to set the schema up, once. */
    @Test
    void aRoleThatMayNotCreateTheSchemaIsToldHowToSetItUp() throws Exception {
        db.exec("GRANT SELECT, UPDATE ON items TO " + attacker);
        String asRole = ScratchDb.SERVER + db.name + "?user=" + attacker;
        CliRun refused = backfill("--db", asRole);
        assertEquals(2, refused.code(), refused.toString());
        assertEquals("tideline backfill: the checkpoint needs schema tideline, and this role may not create it (ERROR: permission"
                + " denied for database " + db.name + "); create it once, owned by the role that runs backfills:"
                + " CREATE SCHEMA tideline AUTHORIZATION that_role", lastLine(refused));
        db.exec("CREATE SCHEMA tideline AUTHORIZATION " + attacker);
        CliRun done = backfill("--db", asRole);
        assertEquals(0, done.code(), done.toString());
        assertEquals(0, db.count("SELECT count(*) FROM items WHERE " + WHERE));
    }

    /** The job's statements find the user's tables, but pg_catalog comes first and pg_temp last. */
    @Test
    void theSessionSearchPathPutsPgCatalogFirstAndPgTempLast() throws Exception {
        CliRun run = backfill("--where", WHERE + " AND current_setting('search_path') = 'pg_catalog, public, pg_temp'");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("5000 rows changed"), "the WHERE saw the safe search_path:\n" + run.out());
    }

    @Test
    void aSecondRunOfTheSameJobStopsWhileTheFirstRuns() throws Exception {
        CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(() -> {
            try {
                return CliRun.forked(List.of(), BackfillCommandTest.args(db, "--batch-size", "500", "--pause", "500ms",
                        "--max-batches", "6"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.count("SELECT count(*) FROM items WHERE NOT (" + WHERE + ")") < 500) { // its first batch is committed
            assertTrue(!first.isDone() && System.nanoTime() < deadline, "the first run should be running");
            Thread.sleep(20);
        }
        CliRun second = backfill("--batch-size", "500");
        CliRun firstRun = first.get(60, TimeUnit.SECONDS);
        assertEquals(2, second.code(), second.toString());
        assertTrue(lastLine(second).matches("tideline backfill: job 'items:[0-9a-f]{12}' is running elsewhere: another tideline"
                + " backfill of this job holds its lock on this database; wait for it to finish \\(or stop it\\), then run again to resume"),
                second.toString());
        assertEquals(3, firstRun.code(), "the first run went on undisturbed:\n" + firstRun);
        assertEquals(3000, db.count("SELECT count(*) FROM items WHERE NOT (" + WHERE + ")"), "6 batches of 500, all the first run's");

        CliRun third = backfill("--batch-size", "500");
        assertEquals(0, third.code(), "the lock goes with the first run's connection:\n" + third);
        assertTrue(third.out().contains("(resumed after id 3000)"), third.out());
    }

    private static String lastLine(CliRun run) {
        List<String> lines = run.err().strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
