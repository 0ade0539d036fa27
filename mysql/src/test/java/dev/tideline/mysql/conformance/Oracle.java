package dev.tideline.mysql.conformance;

import dev.tideline.mysql.effects.ClauseSql;
import dev.tideline.mysql.servers.ScratchDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server as the oracle of online DDL: runs a case's statement on a fresh schema once per ALGORITHM/LOCK clause and
 * records which clauses the server refuses and whether the table was rebuilt (its InnoDB table id changed).
 */
final class Oracle {
    /** Every clause, cheapest first; NOCOPY is MariaDB's only. */
    static final List<String[]> ALL_CLAUSES = List.of(
            new String[] {null, null},
            new String[] {"INSTANT", null}, new String[] {"INSTANT", "NONE"},
            new String[] {"NOCOPY", null}, new String[] {"NOCOPY", "NONE"},
            new String[] {"INPLACE", "NONE"}, new String[] {"INPLACE", "SHARED"}, new String[] {"INPLACE", "EXCLUSIVE"},
            new String[] {"COPY", "NONE"}, new String[] {"COPY", "SHARED"}, new String[] {"COPY", "EXCLUSIVE"});

    private final ScratchDatabase db;
    private final boolean mariaDb;

    Oracle(ScratchDatabase db) {
        this.db = db;
        this.mariaDb = db.server().isMariaDb();
    }

    /** The server's answer for each clause the statement has a place for (NOCOPY only on MariaDB). */
    Map<String, Answer> run(DdlCase c, List<String[]> clauses) throws SQLException {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String[] clause : clauses) {
            if ("NOCOPY".equals(clause[0]) && !mariaDb) continue;
            Optional<String> sql = ClauseSql.with(c.statement(), clause[0], clause[1]);
            if (sql.isEmpty()) continue;
            Answer a = runOnce(c, sql.get(), clause[0], clause[1]);
            answers.put(a.clause(), a);
        }
        return answers;
    }

    private Answer runOnce(DdlCase c, String sql, String algorithm, String lock) throws SQLException {
        db.empty();
        try (Connection conn = db.connect(); Statement s = conn.createStatement()) {
            setUp(s, c);
            Map<String, Long> before = tableIds(s);
            try {
                // OPTIMIZE/ANALYZE answer with a result set: no update count
                long rows = s.execute(sql) ? 0 : Math.max(0, s.getLargeUpdateCount());
                return new Answer(algorithm, lock, 0, "", rebuilt(c, before, tableIds(s)), rows);
            } catch (SQLException e) {
                return new Answer(algorithm, lock, e.getErrorCode(), e.getMessage(), false, 0);
            }
        }
    }

    static void setUp(Statement s, DdlCase c) throws SQLException {
        for (String sql : c.setup()) {
            try {
                s.execute(sql);
            } catch (SQLException e) {
                throw new SQLException("setup of " + c.name() + " failed at: " + sql + ": " + e.getMessage(), e);
            }
        }
    }

    /** InnoDB table ids of this database's tables and partitions by lower-case name ({@code t}, {@code p#p#p0}). */
    private Map<String, Long> tableIds(Statement s) throws SQLException {
        String view = mariaDb ? "information_schema.INNODB_SYS_TABLES" : "information_schema.INNODB_TABLES";
        Map<String, Long> ids = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT NAME, TABLE_ID FROM " + view + " WHERE NAME LIKE '" + db.name() + "/%'")) {
            while (rs.next()) {
                ids.put(rs.getString(1).substring(db.name().length() + 1).toLowerCase(Locale.ROOT), rs.getLong(2));
            }
        }
        return ids;
    }

    /**
     * The table (or one of its partitions that exists before and after) has a new id. Partitions added or dropped do
     * not count: they are new or gone, not rebuilt.
     */
    private static boolean rebuilt(DdlCase c, Map<String, Long> before, Map<String, Long> after) {
        String from = c.table().toLowerCase(Locale.ROOT);
        String to = c.tableAfter().toLowerCase(Locale.ROOT);
        List<String> pieces = new ArrayList<>();
        for (String name : before.keySet()) {
            if (name.equals(from) || name.startsWith(from + "#")) pieces.add(name);
        }
        for (String name : pieces) {
            String renamed = to + name.substring(from.length());
            Long now = after.get(renamed);
            if (now != null && !now.equals(before.get(name))) return true;
        }
        return false;
    }
}
