package dev.tideline.trace;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * What makes {@code --in-place} safe on a live database: the outer transaction can never commit, and it holds its
 * locks for a bounded time. Four guards, each enough on its own for what it covers:
 * <ol>
 *   <li>transaction control and statements whose effect survives a rollback are never sent ({@link #refusal});</li>
 *   <li>each statement is sent alone, as the server sees it (see {@link Tracer#execute});</li>
 *   <li>the transaction is armed: a deferred constraint trigger on a temporary table raises at COMMIT, so a COMMIT
 *       that still reached the server fails and rolls everything back;</li>
 *   <li>after every statement the connection must still be inside the transaction ({@link #check}), else the trace
 *       stops.</li>
 * </ol>
 * {@code lock_timeout} and {@code statement_timeout} are set for the transaction and restored after any statement
 * that loosened them.
 */
final class Seal {
    /**
     * @param lockTimeout      how long a statement may wait for a lock the application holds
     * @param statementTimeout how long one statement may run (and so hold its locks)
     */
    record Bounds(Duration lockTimeout, Duration statementTimeout) {
        static final Bounds DEFAULT = new Bounds(Duration.parse("5s"), Duration.parse("60s"));
    }

    /** A PostgreSQL duration as the options take it ({@code 500ms}, {@code 5s}, {@code 2min}), in milliseconds. */
    record Duration(long millis) {
        private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|min)");

        static Duration parse(String text) {
            var m = FORM.matcher(text == null ? "" : text.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new TraceException("'" + text + "' is not a duration: use e.g. 500ms, 5s or 2min (more than 0)");
            }
            long n = Long.parseLong(m.group(1));
            return new Duration(switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                default -> n * 60_000;
            });
        }

        String sql() {
            return millis + "ms";
        }
    }

    /** Transaction control, written first (after comments): run as savepoints by the tracer, never as written. */
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?is)(begin|start|commit|end|rollback|abort|prepare\\s+transaction|savepoint|release)\\b.*");

    /** Statements whose effect outlives the rolled-back transaction, with what it is. */
    private static final List<Refused> SURVIVES_ROLLBACK = List.of(
            new Refused("(?is)\\bsetval\\s*\\(", "setval() moves a live sequence, and sequences are not rolled back"),
            new Refused("(?is)\\bdblink\\w*\\s*\\(", "dblink runs on another connection, which commits on its own"),
            new Refused("(?is)^copy\\b.*\\b(to|program)\\b", "COPY TO / PROGRAM writes files or runs programs on the server"),
            new Refused("(?is)\\blo_export\\s*\\(", "lo_export() writes a file on the server"),
            new Refused("(?is)\\bpg_file_(write|rename|unlink|sync)\\s*\\(", "pg_file_…() changes files on the server"),
            new Refused("(?is)\\bpg_(terminate|cancel)_backend\\s*\\(", "it stops other sessions"),
            new Refused("(?is)\\bpg_(reload_conf|rotate_logfile\\w*|switch_wal|create_restore_point|promote|stat_reset\\w*"
                    + "|logical_emit_message|(create|drop|copy)_\\w*replication_slot|replication_origin_\\w*)\\s*\\(",
                    "it acts on the whole server (configuration, WAL, statistics, replication), outside any transaction"),
            new Refused("(?is)^checkpoint\\b", "CHECKPOINT acts on the whole server"));

    private record Refused(Pattern pattern, String why) {
        Refused(String regex, String why) {
            this(Pattern.compile(regex), why);
        }
    }

    private final Bounds bounds;
    private final long trapOid;

    private Seal(Bounds bounds, long trapOid) {
        this.bounds = bounds;
        this.trapOid = trapOid;
    }

    /** Arms the transaction just opened on {@code c} and bounds its locks. */
    static Seal arm(Connection c, Bounds bounds) throws SQLException {
        String name = "tideline_no_commit_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE " + name + " (armed boolean)");
            st.execute("CREATE FUNCTION pg_temp." + name + "() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN RAISE EXCEPTION 'tideline trace --in-place: this transaction must never commit'; END$$");
            st.execute("CREATE CONSTRAINT TRIGGER " + name + " AFTER INSERT ON pg_temp." + name
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pg_temp." + name + "()");
            st.execute("INSERT INTO pg_temp." + name + " VALUES (true)");
            long oid;
            try (ResultSet rs = st.executeQuery("select 'pg_temp." + name + "'::regclass::oid::bigint")) {
                rs.next();
                oid = rs.getLong(1);
            }
            Seal seal = new Seal(bounds, oid);
            seal.bound(c);
            return seal;
        } catch (SQLException e) {
            throw new TraceException("cannot prepare the rolled-back transaction (a temporary table and trigger that make"
                    + " any COMMIT fail; needs the TEMP privilege and PL/pgSQL): " + Tracer.oneLine(e));
        }
    }

    /** The relation that arms the transaction: its locks are tideline's, not the migration's. */
    Set<Long> ownRelations() {
        return Set.of(trapOid);
    }

    /** Why a statement is never sent in place, or null. */
    static String refusal(String sql) {
        String text = withoutLeadingComments(sql);
        if (TRANSACTION_CONTROL.matcher(text).matches()) {
            return "transaction control the analyzer did not recognise: not run in place";
        }
        for (Refused r : SURVIVES_ROLLBACK) {
            if (r.pattern().matcher(text).find()) {
                return "not run in place: " + r.why() + " (a rollback would not undo it); trace on a scratch database instead";
            }
        }
        return null;
    }

    /**
     * After every statement: the outer transaction must still be open, and the timeouts no looser than the bounds
     * (a migration's own {@code SET lock_timeout = 0} would otherwise let it wait for ever while holding locks).
     */
    void check(Connection c, String where) throws SQLException {
        TransactionState state = c.unwrap(BaseConnection.class).getTransactionState();
        if (state == TransactionState.IDLE) {
            throw new TraceException(where + " ended the rolled-back transaction; the trace stopped there. Nothing was"
                    + " committed: the transaction was armed so that any COMMIT fails");
        }
        if (state == TransactionState.OPEN) bound(c);
    }

    private void bound(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select name, setting::bigint from pg_settings"
                     + " where name in ('lock_timeout', 'statement_timeout')")) {
            while (rs.next()) {
                long limit = rs.getString(1).equals("lock_timeout") ? bounds.lockTimeout().millis() : bounds.statementTimeout().millis();
                long now = rs.getLong(2);
                if (now == 0 || now > limit) {
                    try (Statement set = c.createStatement()) {
                        set.execute("SET LOCAL " + rs.getString(1) + " = '" + limit + "ms'");
                    }
                }
            }
        }
    }

    /** The text from its first token on: {@code -- …} lines and {@code /* … *}{@code /} blocks (nested) skipped. */
    static String withoutLeadingComments(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < n);
            } else {
                break;
            }
        }
        return sql.substring(Math.min(i, n));
    }
}
