package dev.tideline.cli.backfill;

import dev.tideline.analyzer.model.Quoting;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The place a backfill has reached, kept in the target database (table {@value #TABLE}) rather than a local file:
 * it is advanced in the same transaction as the batch it records, so a run killed at any moment resumes exactly
 * after the last committed batch, from any machine.
 *
 * <p>A backfill often runs as a superuser, so nothing another role made may run inside it: the table lives in
 * schema {@value #SCHEMA}, which must belong to the running role with no other role allowed to create in it, the
 * table must belong to the running role too and have no triggers or rules, and every name is qualified. A job
 * runs once at a time: its run holds a session advisory lock on a hash of the job name.
 */
public final class Checkpoint {
    public static final String SCHEMA = "tideline";
    public static final String TABLE = SCHEMA + ".backfill_checkpoint";
    public static final String CREATE_SCHEMA = "CREATE SCHEMA IF NOT EXISTS " + SCHEMA;
    public static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (job text PRIMARY KEY, last_key text, end_key text,"
            + " batches bigint NOT NULL DEFAULT 0, rows_done bigint NOT NULL DEFAULT 0,"
            + " started_at timestamptz NOT NULL DEFAULT pg_catalog.now(), updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),"
            + " finished_at timestamptz)";
    /** Who owns the schema and whether any other role may create in it; no row when it does not exist. */
    private static final String SCHEMA_CHECK = "SELECT pg_catalog.pg_get_userbyid(n.nspowner), n.nspowner = r.oid,"
            + " EXISTS (SELECT 1 FROM pg_catalog.aclexplode(n.nspacl) a WHERE a.grantee <> n.nspowner AND a.privilege_type = 'CREATE'),"
            + " CURRENT_USER"
            + " FROM pg_catalog.pg_namespace n, pg_catalog.pg_roles r WHERE n.nspname = " + Quoting.literal(SCHEMA)
            + " AND r.rolname = CURRENT_USER";
    private static final String TABLE_CHECK = "SELECT pg_catalog.pg_get_userbyid(c.relowner), c.relowner = r.oid, c.relkind = 'r',"
            + " (SELECT pg_catalog.string_agg(t.tgname, ', ') FROM pg_catalog.pg_trigger t WHERE t.tgrelid = c.oid),"
            + " (SELECT pg_catalog.string_agg(w.rulename, ', ') FROM pg_catalog.pg_rewrite w WHERE w.ev_class = c.oid), CURRENT_USER"
            + " FROM pg_catalog.pg_class c, pg_catalog.pg_roles r WHERE c.oid = pg_catalog.to_regclass(" + Quoting.literal(TABLE) + ")"
            + " AND r.rolname = CURRENT_USER";

    /**
     * Where a run starts: a fresh walk (lastKey null) or the place an unfinished run stopped. {@code endKey} is the
     * highest key when the walk began (null: the table was empty): rows inserted later are the writers' business
     * (the sync trigger or the new release), and a walk chasing them would never end while inserts go on.
     */
    public record State(String lastKey, String endKey, long batches, long rowsDone) {}

    private final Connection c;
    private final String job;

    Checkpoint(Connection c, String job) {
        this.c = c;
        this.job = job;
    }

    /** The statement that claims the job for this session, or tells (false) that another session has it. */
    public static String lockSql(String job) {
        return "SELECT pg_catalog.pg_try_advisory_lock(CAST(" + lockKey(job) + " AS pg_catalog.int8))";
    }

    /** Resumes an unfinished walk of this job, else starts a new one (a finished job walks again: rows may have changed). */
    State begin(String maxKeySql) throws SQLException {
        if (!queryBoolean(lockSql(job))) {
            throw new BackfillException("job '" + job + "' is running elsewhere: another tideline backfill of this job holds"
                    + " its lock on this database; wait for it to finish (or stop it), then run again to resume");
        }
        secureSchema();
        execute(CREATE);
        secureTable();
        try (Statement st = Verbatim.statement(c); ResultSet rs = st.executeQuery(resumeSql(job))) {
            if (rs.next()) return new State(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
        }
        String endKey;
        try (Statement st = Verbatim.statement(c); ResultSet rs = st.executeQuery(maxKeySql)) {
            rs.next();
            endKey = rs.getString(1);
        }
        execute(restartSql(job, endKey == null ? "NULL" : Quoting.literal(endKey)));
        return new State(null, endKey, 0, 0);
    }

    void advance(String lastKey, long rowsDone) throws SQLException {
        execute(advanceSql(job, Quoting.literal(lastKey), Long.toString(rowsDone)));
    }

    void finish() throws SQLException {
        execute(finishSql(job));
    }

    public static String resumeSql(String job) {
        return "SELECT last_key, end_key, batches, rows_done FROM " + TABLE + " WHERE job = " + Quoting.literal(job)
                + " AND finished_at IS NULL";
    }

    /** @param endKey an SQL expression: the highest key now, as text */
    public static String restartSql(String job, String endKey) {
        return "INSERT INTO " + TABLE + " (job, end_key) VALUES (" + Quoting.literal(job) + ", " + endKey + ") ON CONFLICT (job) DO UPDATE"
                + " SET last_key = NULL, end_key = excluded.end_key, batches = 0, rows_done = 0, started_at = pg_catalog.now(),"
                + " updated_at = pg_catalog.now(), finished_at = NULL";
    }

    /** @param lastKey an SQL expression: the batch's last key, as text; @param rowsDone an SQL expression: rows it changed */
    public static String advanceSql(String job, String lastKey, String rowsDone) {
        return "UPDATE " + TABLE + " SET last_key = " + lastKey + ", batches = batches + 1, rows_done = rows_done + " + rowsDone
                + ", updated_at = pg_catalog.now() WHERE job = " + Quoting.literal(job);
    }

    public static String finishSql(String job) {
        return "UPDATE " + TABLE + " SET finished_at = pg_catalog.now(), updated_at = pg_catalog.now() WHERE job = " + Quoting.literal(job);
    }

    /** Creates the schema when missing; refuses one another role owns or may create objects in. */
    private void secureSchema() throws SQLException {
        try (Statement st = Verbatim.statement(c); ResultSet rs = st.executeQuery(SCHEMA_CHECK)) {
            if (!rs.next()) {
                createSchema();
                secureSchemaCreated();
                return;
            }
            checkSchema(rs);
        }
    }

    private void createSchema() throws SQLException {
        try {
            execute(CREATE_SCHEMA);
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) throw e;
            throw new BackfillException("the checkpoint needs schema " + SCHEMA + ", and this role may not create it ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); create it once, owned by the role"
                    + " that runs backfills: CREATE SCHEMA " + SCHEMA + " AUTHORIZATION that_role");
        }
    }

    private void secureSchemaCreated() throws SQLException {
        try (Statement st = Verbatim.statement(c); ResultSet rs = st.executeQuery(SCHEMA_CHECK)) {
            if (!rs.next()) throw new BackfillException("schema " + SCHEMA + " could not be created");
            checkSchema(rs);
        }
    }

    private static void checkSchema(ResultSet rs) throws SQLException {
        if (!rs.getBoolean(2)) {
            throw refused("schema " + SCHEMA + " belongs to role " + rs.getString(1) + ", not to " + rs.getString(4)
                    + " (the role running this backfill)");
        }
        if (rs.getBoolean(3)) throw refused("other roles may create objects in schema " + SCHEMA);
    }

    private void secureTable() throws SQLException {
        try (Statement st = Verbatim.statement(c); ResultSet rs = st.executeQuery(TABLE_CHECK)) {
            if (!rs.next()) throw new BackfillException("table " + TABLE + " could not be created");
            if (!rs.getBoolean(2)) {
                throw refused("table " + TABLE + " belongs to role " + rs.getString(1) + ", not to " + rs.getString(6)
                        + " (the role running this backfill)");
            }
            if (!rs.getBoolean(3)) throw refused(TABLE + " is not a plain table");
            if (rs.getString(4) != null) throw refused("table " + TABLE + " has triggers (" + rs.getString(4) + ")");
            if (rs.getString(5) != null) throw refused("table " + TABLE + " has rules (" + rs.getString(5) + ")");
        }
    }

    private static BackfillException refused(String why) {
        return new BackfillException("refusing to use the checkpoint: " + why + "; what another role put there would run"
                + " with this role's rights. Inspect it, then drop it (or run as its owner)");
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = Verbatim.statement(c)) {
            st.execute(sql);
        }
    }

    private boolean queryBoolean(String sql) throws SQLException {
        try (Statement st = Verbatim.statement(c); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** 64 bits of SHA-256 over a prefix and the job name: the same job, the same lock, from any machine. */
    static long lockKey(String job) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("tideline backfill\n" + job).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
