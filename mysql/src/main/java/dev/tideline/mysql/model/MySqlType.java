package dev.tideline.mysql.model;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A column type as written: the base name in lower case ({@code varchar}, {@code int}, {@code enum}), its arguments
 * ({@code 255}; {@code 10, 2}; the quoted members of ENUM/SET), UNSIGNED, and a charset/collation written inside the
 * type ({@code VARCHAR(20) CHARACTER SET latin1}); null when not written.
 */
public record MySqlType(String name, List<String> args, boolean unsigned, String charset, String collation) {

    public MySqlType {
        name = name.toLowerCase(Locale.ROOT);
        args = List.copyOf(args);
    }

    /** VARCHAR, CHAR, TEXT … and ENUM/SET: types whose bytes depend on a character set. */
    public boolean isCharacter() {
        return switch (name) {
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "nchar", "nvarchar" -> true;
            default -> false;
        };
    }

    public boolean isVarchar() {
        return name.equals("varchar") || name.equals("nvarchar");
    }

    public boolean isEnumOrSet() {
        return name.equals("enum") || name.equals("set");
    }

    public boolean isSpatial() {
        return switch (name) {
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                 "geometrycollection", "geomcollection" -> true;
            default -> false;
        };
    }

    /** The declared length ({@code VARCHAR(255)} → 255), when the type has one. */
    public OptionalInt length() {
        if (args.isEmpty() || isEnumOrSet()) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(args.get(0).strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Same type apart from its length/precision: {@code varchar(20)} and {@code varchar(40)}. */
    public boolean sameBase(MySqlType other) {
        return canonical(name).equals(canonical(other.name)) && unsigned == other.unsigned;
    }

    /** Integer aliases the server stores as one type ({@code integer} is {@code int}, {@code bool} is {@code tinyint}). */
    private static String canonical(String n) {
        return switch (n) {
            case "integer" -> "int";
            case "bool", "boolean" -> "tinyint";
            case "nvarchar" -> "varchar";
            case "nchar" -> "char";
            case "dec", "numeric", "fixed" -> "decimal";
            case "double precision", "real" -> "double";
            default -> n;
        };
    }

    /** {@code varchar(255)}, {@code int unsigned}, {@code enum('a','b')}. */
    public String sql() {
        return name + (args.isEmpty() ? "" : "(" + String.join(",", args) + ")") + (unsigned ? " unsigned" : "");
    }
}
