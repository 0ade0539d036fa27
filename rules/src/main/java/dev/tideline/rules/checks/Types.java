package dev.tideline.rules.checks;

import java.util.Set;
import java.util.regex.Pattern;

/** Classifies the analyzer's normalised type names (lower case, single spaces). */
final class Types {
    private static final Set<String> SMALL_INTEGERS = Set.of("int", "integer", "int4", "smallint", "int2",
            "serial", "serial4", "smallserial", "serial2");
    private static final Pattern PRECISION = Pattern.compile("\\s*\\(\\s*\\d+\\s*\\)");
    private static final Pattern LENGTH_LIMITED = Pattern.compile(
            "(varchar|character varying|char|character|bpchar)\\s*\\(\\s*\\d+\\s*\\)");
    private static final Pattern SERIAL = Pattern.compile("(small|big)?serial[248]?");

    private Types() {}

    static String base(String type) {
        if (type == null) return "";
        String t = type.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("pg_catalog.")) t = t.substring("pg_catalog.".length());
        return t;
    }

    static boolean isSmallInteger(String type) {
        return SMALL_INTEGERS.contains(base(type));
    }

    static boolean isTimestampWithoutZone(String type) {
        String t = PRECISION.matcher(base(type)).replaceAll("");
        return t.equals("timestamp") || t.equals("timestamp without time zone");
    }

    static boolean isTimestampWithZone(String type) {
        String t = PRECISION.matcher(base(type)).replaceAll("");
        return t.equals("timestamptz") || t.equals("timestamp with time zone");
    }

    /** varchar(n), character varying(n), char(n), character(n) and bare char/character (which is char(1)). */
    static boolean isLengthLimitedText(String type) {
        String t = base(type);
        return LENGTH_LIMITED.matcher(t).matches()
                || t.equals("char") || t.equals("character");
    }

    static boolean isJson(String type) {
        return base(type).equals("json");
    }

    /** The integer type a serial type stands for (bigserial → bigint); null for another type. */
    static String integerOfSerial(String type) {
        return switch (base(type)) {
            case "serial", "serial4" -> "integer";
            case "bigserial", "serial8" -> "bigint";
            case "smallserial", "serial2" -> "smallint";
            default -> null;
        };
    }

    /** The 64-bit form of a 16- or 32-bit integer or serial type; null for another type. */
    static String widened(String type) {
        return switch (base(type)) {
            case "int", "integer", "int4", "smallint", "int2" -> "bigint";
            case "serial", "serial4", "smallserial", "serial2" -> "bigserial";
            default -> null;
        };
    }

    static boolean isSerial(String type) {
        return SERIAL.matcher(base(type)).matches();
    }
}
