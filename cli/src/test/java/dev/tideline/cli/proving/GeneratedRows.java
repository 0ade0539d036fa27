package dev.tideline.cli.proving;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Rows made up from what the server says a table's columns are: a value expression per column in terms of a row
 * number {@code g} (the same text gives the same value on every database), a row of the referenced table for a
 * single-column foreign key, the column default for columns that have one.
 */
final class GeneratedRows {
    /** One table's INSERT, in terms of {@code g}; {@code key}: its primary key columns (for UPDATE and SELECT). */
    record TableShape(String table, List<String> columns, List<String> values, List<String> key, List<String> updatable) {
        String insert(long g) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", values.stream().map(v -> v.replace("{g}", Long.toString(g))).toList()) + ")";
        }

        /** Many rows at once: the seed. */
        String insertSeries(long from, long to) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
                    + String.join(", ", values.stream().map(v -> v.replace("{g}", "g")).toList())
                    + " FROM generate_series(" + from + ", " + to + ") g";
        }
    }

    private GeneratedRows() {}

    /** The shape of each given table (qualified, quoted names as {@code regclass} text), or none when a column cannot be made up. */
    static Map<String, TableShape> shapes(Connection c, List<String> tables) throws SQLException {
        return shapes(c, tables, (table, column) -> true);
    }

    /** Only the columns {@code writes} accepts (those the application of a given schema knows). */
    static Map<String, TableShape> shapes(Connection c, List<String> tables, BiPredicate<String, String> writes) throws SQLException {
        Map<String, TableShape> out = new LinkedHashMap<>();
        for (String table : tables) {
            TableShape s = shape(c, table, writes);
            if (s != null) out.put(table, s);
        }
        return out;
    }

    private static TableShape shape(Connection c, String table, BiPredicate<String, String> writes) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> updatable = new ArrayList<>();
        String sql = "SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " d.adbin IS NOT NULL OR a.attidentity <> '' OR a.attgenerated <> '', t.typtype, t.typcategory,"
                + " (SELECT quote_literal(e.enumlabel) FROM pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder LIMIT 1),"
                + " (SELECT format('%s|%s', k.confrelid::regclass, (SELECT quote_ident(attname) FROM pg_attribute"
                + "    WHERE attrelid = k.confrelid AND attnum = k.confkey[1]))"
                + "  FROM pg_constraint k WHERE k.conrelid = a.attrelid AND k.contype = 'f' AND k.conkey = ARRAY[a.attnum] LIMIT 1),"
                + " EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique AND a.attnum = ANY (i.indkey)),"
                + " a.attgenerated <> '' OR a.attidentity = 'a', a.attname"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = '" + table.replace("'", "''") + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                String type = rs.getString(2);
                boolean notNull = rs.getBoolean(3);
                boolean hasDefault = rs.getBoolean(4);
                String enumLabel = rs.getString(7);
                String fk = rs.getString(8);
                boolean keyed = rs.getBoolean(9);
                boolean generatedAlways = rs.getBoolean(10);
                if (!writes.test(table, rs.getString(11))) {
                    if (notNull && !hasDefault) return null;
                    continue;
                }
                if (generatedAlways || (hasDefault && fk == null && !keyed && !notNull)) continue;
                if (hasDefault && (keyed || fk == null)) continue; // serial keys, created_at now(), flags: the default
                String value;
                if (fk != null && keyed) {
                    // one-to-one: a parent row per child is more than the existing rows can give; left NULL
                    if (notNull) return null;
                    continue;
                }
                if (fk != null) {
                    String[] ref = fk.split("\\|", 2);
                    value = "(SELECT " + ref[1] + " FROM " + ref[0] + " ORDER BY " + ref[1] + " OFFSET ({g} % greatest(1,"
                            + " (SELECT count(*) FROM " + ref[0] + "))) LIMIT 1)";
                    if (ref[0].equals(table)) {
                        if (notNull) return null;
                        value = "NULL"; // a self-reference: the parent row would have to exist first
                    }
                } else {
                    value = valueOf(type, rs.getString(5), rs.getString(6), enumLabel, keyed);
                }
                if (value == null) {
                    if (notNull) return null;
                    continue;
                }
                columns.add(name);
                values.add(value + "::" + type);
                if (!keyed && fk == null) updatable.add(name);
            }
        }
        if (columns.isEmpty()) return null;
        List<String> key = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT quote_ident(a.attname) FROM pg_constraint k"
                + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)"
                + " WHERE k.conrelid = '" + table.replace("'", "''") + "'::regclass AND k.contype = 'p' ORDER BY a.attnum")) {
            while (rs.next()) key.add(rs.getString(1));
        }
        return new TableShape(table, columns, values, key, updatable);
    }

    /** A value of the type for row {@code g}, distinct per row; null when tideline cannot make one up. */
    private static String valueOf(String type, String typtype, String category, String enumLabel, boolean keyed) {
        if ("e".equals(typtype)) return enumLabel;
        if (type.endsWith("[]")) return "'{}'";
        String t = type.replaceAll("\\(.*\\)", "").strip();
        java.util.regex.Matcher len = java.util.regex.Pattern.compile("\\((\\d+)\\)").matcher(type);
        int max = len.find() ? Integer.parseInt(len.group(1)) : 0;
        return switch (t) {
            case "smallint" -> "({g} % 32000)";
            case "integer" -> "(1000000 + {g})";
            case "bigint" -> "(1000000000 + {g})";
            case "numeric", "real", "double precision" -> "({g} * 1.5)";
            case "text", "character varying", "character", "citext", "name" ->
                    max > 0 ? "right('v' || {g}, " + max + ")" : "('v' || {g})";
            case "boolean" -> "({g} % 2 = 0)";
            case "timestamp without time zone", "timestamp with time zone", "date" ->
                    "(timestamp '2024-01-01' + {g} * interval '1 hour')";
            case "time without time zone", "time with time zone" -> "time '12:00'";
            case "interval" -> "({g} * interval '1 second')";
            case "uuid" -> "md5('u' || {g})::uuid";
            case "json", "jsonb" -> "'{}'";
            case "bytea" -> "decode(md5('b' || {g}), 'hex')";
            case "inet", "cidr" -> "('10.0.' || ({g} / 250 % 250) || '.' || ({g} % 250 + 1))";
            default -> "S".equals(category) ? "('v' || {g})" : null;
        };
    }
}
