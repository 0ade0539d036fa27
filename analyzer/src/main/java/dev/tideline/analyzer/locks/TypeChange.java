package dev.tideline.analyzer.locks;

import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.model.ColumnDef;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether {@code ALTER COLUMN … TYPE} rewrites the table: PostgreSQL skips the rewrite only when the old
 * type is binary-coercible to the new one and any length/precision change only widens (tablecmds.c
 * ATColumnChangeRequiresRewrite plus the planner support functions of varchar, numeric, time types and varbit).
 */
final class TypeChange {
    /** Outcome with the reason shown to users. */
    record Verdict(boolean rewrite, String note) {}

    private static final Pattern TYPE = Pattern.compile("^([a-z_][a-z0-9_ .\"]*?)\\s*(?:\\(\\s*([0-9]+)\\s*(?:,\\s*([0-9]+)\\s*)?\\))?\\s*((?:with|without) time zone)?\\s*((?:\\[\\s*[0-9]*\\s*])*)$");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("serial", "int4"), Map.entry("serial4", "int4"),
            Map.entry("bigint", "int8"), Map.entry("bigserial", "int8"), Map.entry("serial8", "int8"),
            Map.entry("smallint", "int2"), Map.entry("smallserial", "int2"), Map.entry("serial2", "int2"),
            Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
            Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
            Map.entry("boolean", "bool"), Map.entry("double precision", "float8"), Map.entry("real", "float4"),
            Map.entry("float", "float8"), Map.entry("decimal", "numeric"), Map.entry("bit varying", "varbit"),
            Map.entry("timestamp", "timestamp"), Map.entry("time", "time"));

    private TypeChange() {}

    /** @param utc the session TimeZone has a zero offset at all times ({@link SessionTimeZone}) */
    static Verdict verdict(String oldType, String newType, String using, PgVersion version, boolean utc) {
        if (oldType == null) {
            return new Verdict(true, "old column type unknown (column not in the replayed schema): assuming a rewrite");
        }
        if (using != null && !using.isBlank()) {
            return new Verdict(true, "USING expression: PostgreSQL rewrites the table");
        }
        Parsed from = parse(oldType);
        Parsed to = parse(newType);
        if (from == null || to == null) {
            return new Verdict(true, "type " + (from == null ? oldType : newType) + " not understood: assuming a rewrite");
        }
        if (from.array != to.array) return rewrite(oldType, newType);
        if (from.base.equals(to.base)) {
            if (from.sameModifiers(to)) return new Verdict(false, "same type: no rewrite");
            return widening(from, to) ? new Verdict(false, oldType + " → " + newType + " only widens: no rewrite")
                    : rewrite(oldType, newType);
        }
        // binary-coercible pairs (pg_cast castmethod 'b') where no length check is added
        if (isTextLike(from) && isUnboundedTextLike(to)) {
            return new Verdict(false, oldType + " → " + newType + " is binary-coercible: no rewrite");
        }
        if (from.base.equals("cidr") && to.base.equals("inet")) {
            return new Verdict(false, "cidr → inet is binary-coercible: no rewrite");
        }
        if (isTimestampPair(from, to)) {
            if (utc && version.atLeast(12) && from.sameModifiers(to)) {
                return new Verdict(false, "timestamp ↔ timestamptz with the session TimeZone UTC is binary-coercible:"
                        + " no rewrite");
            }
            return new Verdict(true, "timestamp ↔ timestamptz skips the rewrite only when the session TimeZone is UTC"
                    + (version.atLeast(12) ? "" : " (and only on PostgreSQL 12+)") + ": assuming a rewrite");
        }
        return rewrite(oldType, newType);
    }

    private static Verdict rewrite(String oldType, String newType) {
        return new Verdict(true, oldType + " → " + newType + " is not binary-coercible: table and indexes rewritten");
    }

    private static boolean widening(Parsed from, Parsed to) {
        switch (from.base) {
            case "varchar":
            case "varbit":
                return to.length == null || (from.length != null && to.length >= from.length);
            case "numeric":
                if (to.length == null) return true;
                if (from.length == null) return false;
                int fromScale = from.scale == null ? 0 : from.scale;
                int toScale = to.scale == null ? 0 : to.scale;
                return fromScale == toScale && to.length >= from.length;
            case "timestamp":
            case "timestamptz":
            case "time":
            case "timetz":
            case "interval":
                return to.length == null || (from.length != null && to.length >= from.length);
            default:
                return false;
        }
    }

    private static boolean isTextLike(Parsed p) {
        return p.base.equals("varchar") || p.base.equals("text");
    }

    private static boolean isUnboundedTextLike(Parsed p) {
        return p.base.equals("text") || (p.base.equals("varchar") && p.length == null);
    }

    private static boolean isTimestampPair(Parsed a, Parsed b) {
        return (a.base.equals("timestamp") && b.base.equals("timestamptz"))
                || (a.base.equals("timestamptz") && b.base.equals("timestamp"));
    }

    private record Parsed(String base, Integer length, Integer scale, boolean array) {
        boolean sameModifiers(Parsed o) {
            return java.util.Objects.equals(length, o.length) && java.util.Objects.equals(scale, o.scale);
        }
    }

    static String normalise(String type) {
        Parsed p = parse(type);
        if (p == null) return type == null ? null : type.trim().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(p.base);
        if (p.length != null) sb.append('(').append(p.length).append(p.scale == null ? "" : "," + p.scale).append(')');
        if (p.array) sb.append("[]");
        return sb.toString();
    }

    private static Parsed parse(String type) {
        if (type == null) return null;
        String t = ColumnDef.normalType(type);
        boolean array = false;
        if (t.endsWith(" array")) {
            array = true;
            t = t.substring(0, t.length() - 6).trim();
        }
        Matcher m = TYPE.matcher(t);
        if (!m.matches()) return null;
        String base = m.group(1).trim();
        if (base.startsWith("pg_catalog.")) base = base.substring("pg_catalog.".length());
        base = base.replace("\"", "");
        Integer length = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        String zone = m.group(4);
        array |= m.group(5) != null && !m.group(5).isEmpty();
        if (base.equals("timestamptz") || base.equals("timetz")) zone = null;
        base = ALIASES.getOrDefault(base, base);
        if ((base.equals("timestamp") || base.equals("time")) && "with time zone".equals(zone)) base = base + "tz";
        if (base.equals("bpchar") && length == null && !type.toLowerCase(Locale.ROOT).contains("bpchar")) length = 1;
        return new Parsed(base, length, scale, array);
    }
}
