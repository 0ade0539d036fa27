package dev.tideline.cli.proving;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the server says a database's schema is, as sorted text lines, so two databases can be compared line by line:
 * columns (type, nullability, default), constraints ({@code pg_get_constraintdef}: actions, timing, MATCH included),
 * indexes ({@code pg_get_indexdef}: method, order, operator class, collation, predicate), sequences.
 */
record SchemaSnapshot(Set<String> lines) {
    static final String ONLY_AFTER_PLAN = "only after the plan:     ";
    private static final String SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'";

    static SchemaSnapshot of(Connection c) throws SQLException {
        Set<String> lines = new TreeSet<>();
        query(c, lines, "SELECT 'column ' || format('%I.%I', n.nspname, r.relname) || '.' || quote_ident(a.attname) || ' '"
                + " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
                + " || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')"
                + " || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END"
                + " FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE r.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND " + SCHEMAS);
        query(c, lines, "SELECT 'constraint ' || format('%I.%I', n.nspname, r.relname) || ' ' || quote_ident(k.conname) || ' '"
                + " || pg_get_constraintdef(k.oid) || CASE WHEN k.convalidated THEN '' ELSE ' (not validated)' END"
                + " FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE " + SCHEMAS);
        query(c, lines, "SELECT 'index ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END"
                + " FROM pg_index i JOIN pg_class r ON r.oid = i.indexrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE " + SCHEMAS);
        query(c, lines, "SELECT 'sequence ' || format('%I.%I', n.nspname, r.relname) FROM pg_class r"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE r.relkind = 'S' AND " + SCHEMAS);
        return new SchemaSnapshot(lines);
    }

    private static void query(Connection c, Set<String> into, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) into.add(rs.getString(1));
        }
    }

    /** "only in planned: …" / "only in expected: …" lines; empty when both schemas are the same. */
    List<String> differences(SchemaSnapshot expected) {
        List<String> out = new ArrayList<>();
        for (String l : lines) if (!expected.lines.contains(l)) out.add(ONLY_AFTER_PLAN + l);
        for (String l : expected.lines) if (!lines.contains(l)) out.add("only after the migration: " + l);
        return out;
    }
}
