package dev.tideline.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills every user table with N rows from {@code generate_series} so that durations mean something. Each value is a
 * function of the row number {@code g} and of the column type only, so a foreign key column gets the same values as
 * the key it references; parents are filled before children.
 */
final class SyntheticRows {
    private SyntheticRows() {}

    /** Returns a note per table filled or not filled (with PostgreSQL's reason). */
    static List<String> fill(Connection c, TxControl tx, long rows) throws SQLException {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Long, String> table : tablesParentsFirst(c).entrySet()) {
            String insert = insertFor(c, table.getKey(), table.getValue(), rows);
            if (insert == null) {
                notes.add("--rows: " + table.getValue() + " not filled (a NOT NULL column of a type tideline cannot generate)");
                continue;
            }
            tx.begin(c, "tideline_rows");
            try (Statement st = c.createStatement()) {
                st.execute(insert);
                st.execute("ANALYZE " + table.getValue());
                tx.commit(c, "tideline_rows");
                notes.add("--rows: " + table.getValue() + " filled with " + rows + " rows");
            } catch (SQLException e) {
                tx.rollback(c, "tideline_rows");
                notes.add("--rows: " + table.getValue() + " not filled: " + Tracer.oneLine(e));
            }
        }
        return notes;
    }

    /** Ordinary and partitioned tables (not partitions: rows go through the parent), referenced tables first. */
    private static Map<Long, String> tablesParentsFirst(Connection c) throws SQLException {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Set<Long>> parents = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select c.oid::bigint, format('%I.%I', n.nspname, c.relname) from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace
                 where c.relkind in ('r', 'p') and not c.relispartition and c.oid >= 16384
                   and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
                 order by 2""")) {
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2));
                parents.put(rs.getLong(1), new LinkedHashSet<>());
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select conrelid::bigint, confrelid::bigint from pg_constraint where contype = 'f' and conrelid <> confrelid")) {
            while (rs.next()) {
                if (parents.containsKey(rs.getLong(1))) parents.get(rs.getLong(1)).add(rs.getLong(2));
            }
        }
        Map<Long, String> ordered = new LinkedHashMap<>();
        for (Long oid : names.keySet()) visit(oid, names, parents, ordered, new LinkedHashSet<>());
        return ordered;
    }

    private static void visit(Long oid, Map<Long, String> names, Map<Long, Set<Long>> parents, Map<Long, String> out,
                              Set<Long> path) {
        if (out.containsKey(oid) || !names.containsKey(oid) || !path.add(oid)) return; // a cycle: order arbitrarily
        for (Long p : parents.get(oid)) visit(p, names, parents, out, path);
        out.put(oid, names.get(oid));
    }

    private static String insertFor(Connection c, long oid, String table, long rows) throws SQLException {
        List<String> cols = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), t.typcategory::text, t.typname,
                       a.attnotnull, a.attidentity::text, a.attgenerated::text,
                       coalesce(pg_get_expr(d.adbin, d.adrelid), '')
                  from pg_attribute a join pg_type t on t.oid = a.atttypid
                  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                 where a.attrelid = ? and a.attnum > 0 and not a.attisdropped order by a.attnum""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String identity = rs.getString(6);
                    boolean generated = !rs.getString(7).isEmpty() || identity.equals("a");
                    boolean sequenceDefault = rs.getString(8).startsWith("nextval(") || identity.equals("d");
                    if (generated || sequenceDefault) continue; // the server numbers them 1..N, like g below
                    String value = valueFor(rs.getString(2), rs.getString(3), rs.getString(4));
                    if (value == null) {
                        if (rs.getBoolean(5) && rs.getString(8).isEmpty()) return null;
                        continue;
                    }
                    cols.add(rs.getString(1));
                    values.add(value);
                }
            }
        }
        if (cols.isEmpty()) return "INSERT INTO " + table + " SELECT FROM generate_series(1, " + rows + ") g";
        return "INSERT INTO " + table + " (" + String.join(", ", cols) + ") SELECT " + String.join(", ", values)
                + " FROM generate_series(1, " + rows + ") g";
    }

    /** A value for row {@code g} of a column of this type, or null when tideline cannot make one. */
    private static String valueFor(String type, String category, String typname) {
        return switch (category) {
            case "N" -> switch (typname) {
                case "int2" -> "(g % 32767)::smallint";
                case "numeric" -> type.contains("(") ? "(g % 10)::" + type : "g::numeric";
                default -> "g::" + type;
            };
            case "S" -> "('r' || g)::" + type;
            case "B" -> "(g % 2 = 0)";
            case "D" -> switch (typname) {
                case "date" -> "(date '2024-01-01' + (g % 3650)::int)";
                case "time", "timetz" -> "(time '00:00' + (g % 86400) * interval '1 second')::" + type;
                default -> "(timestamp '2024-01-01' + g * interval '1 second')::" + type;
            };
            case "T" -> "g * interval '1 second'";
            case "E" -> "(enum_range(null::" + type + "))[1 + (g % array_length(enum_range(null::" + type + "), 1))::int]";
            case "A" -> "'{}'::" + type;
            case "U" -> switch (typname) {
                case "uuid" -> "md5(g::text)::uuid";
                case "json", "jsonb" -> "'{}'::" + type;
                case "bytea" -> "'\\x00'::bytea";
                default -> null;
            };
            default -> null;
        };
    }
}
