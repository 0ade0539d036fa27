package dev.tideline.cli.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a stop-the-world deploy would have produced, built in schema {@value #SCHEMA} of the same database (seeded
 * like {@code public} beforehand, see {@link #seed}): the old version's writes, the naive migration with nothing else
 * running, then the new version's writes.
 * {@link #differences} compares it with the live table: columns, constraints, indexes, triggers, functions and rows.
 */
final class StopTheWorld {
    static final String SCHEMA = "stw";
    private final ScratchDb db;
    private List<String> extraIndexes = List.of();

    StopTheWorld(ScratchDb db) {
        this.db = db;
    }

    /** The schema and rows before the change, in {@code public} and, for the reference, in {@value #SCHEMA}. */
    static void seed(ScratchDb db) throws SQLException {
        try (Connection c = db.connect("tideline-seed"); Statement st = c.createStatement()) {
            for (String schema : new String[] {"public", SCHEMA}) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                st.execute("SET search_path = " + schema);
                for (String sql : PlanRunner.statements(Kind.SCHEMA)) st.execute(sql);
                for (String sql : Kind.SEED) st.execute(sql);
            }
        }
    }

    void build(Kind kind, List<Workload.Write> writes) throws SQLException {
        try (Connection c = db.connect("tideline-stop-the-world"); Statement st = c.createStatement()) {
            st.execute("SET search_path = " + SCHEMA);
            replay(c, writes, kind.oldApp);
            c.setAutoCommit(false);
            for (String sql : PlanRunner.statements(kind.naiveSql)) st.execute(sql);
            c.commit();
            c.setAutoCommit(true);
            replay(c, writes, kind.newApp);
        }
    }

    private static void replay(Connection c, List<Workload.Write> writes, App app) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(app.insertSql());
             PreparedStatement update = c.prepareStatement(app.updateSql())) {
            for (Workload.Write w : writes) {
                if (w.app() != app) continue;
                PreparedStatement ps = w.insert() ? insert : update;
                Workload.bind(ps, w);
                ps.addBatch();
            }
            insert.executeBatch();
            update.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** Empty when the live table equals the stop-the-world one; else what differs. */
    List<String> differences() throws SQLException {
        List<String> diffs = new ArrayList<>();
        try (Connection c = db.connect("tideline-compare")) {
            String[][] catalog = {
                    {"columns", "SELECT attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END"
                            + " FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped"},
                    {"constraints", "SELECT contype::text || ' ' || pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' (not valid)' END"
                            + " FROM pg_constraint WHERE conrelid = to_regclass(?)"},
                    {"indexes", "SELECT CASE WHEN indisvalid THEN '' ELSE 'INVALID ' END"
                            + " || regexp_replace(pg_get_indexdef(indexrelid), 'INDEX \\S+ ON \\S+', 'INDEX ON')"
                            + " FROM pg_index WHERE indrelid = to_regclass(?)"},
                    {"triggers", "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal"},
            };
            for (String[] q : catalog) {
                Set<String> live = strings(c, "public", q[1], "public." + App.TABLE);
                Set<String> reference = strings(c, SCHEMA, q[1], SCHEMA + "." + App.TABLE);
                if (q[0].equals("indexes") && live.containsAll(reference)) {
                    // An index the plan adds on purpose (e.g. for a foreign key's lookups) is not a difference in data.
                    live.removeAll(reference);
                    extraIndexes = List.copyOf(live);
                } else if (!live.equals(reference)) {
                    diffs.add(q[0] + ": live " + live + " but stop-the-world " + reference);
                }
            }
            Set<String> functions = strings(c, "public",
                    "SELECT proname FROM pg_proc WHERE pronamespace = to_regnamespace(?)", "public");
            if (!functions.isEmpty()) diffs.add("functions left behind: " + functions);
            if (diffs.stream().noneMatch(d -> d.startsWith("columns"))) diffs.addAll(rowDifferences(c));
        }
        return diffs;
    }

    /** Indexes the live table has beyond the stop-the-world one (after {@link #differences}). */
    List<String> extraIndexes() {
        return extraIndexes;
    }

    private static List<String> rowDifferences(Connection c) throws SQLException {
        // Cheap first: one hash of every row in key order per table; the row-by-row EXCEPT only to explain a mismatch.
        String hash = "SELECT count(*) || ' ' || md5(string_agg(md5(to_jsonb(t)::text), '' ORDER BY id)) FROM %s." + App.TABLE + " t";
        if (string(c, String.format(hash, "public")).equals(string(c, String.format(hash, SCHEMA)))) return List.of();
        List<String> diffs = new ArrayList<>();
        String[][] directions = {{"public", SCHEMA}, {SCHEMA, "public"}};
        for (String[] d : directions) {
            String sql = "SELECT to_jsonb(t)::text FROM " + d[0] + "." + App.TABLE + " t EXCEPT ALL SELECT to_jsonb(s)::text FROM "
                    + d[1] + "." + App.TABLE + " s";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), min(x) FROM (" + sql + ") d(x)")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    diffs.add(rs.getLong(1) + " rows of " + d[0] + "." + App.TABLE + " not in " + d[1] + "." + App.TABLE
                            + ", e.g. " + rs.getString(2));
                }
            }
        }
        if (diffs.isEmpty()) diffs.add("the row hashes differ but no row does (row order?)");
        return diffs;
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Set<String> strings(Connection c, String searchPath, String sql, String arg) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path = " + searchPath);
        }
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }
}
