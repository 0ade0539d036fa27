package dev.tideline.analyzer.model;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A column as declared in CREATE TABLE or ADD COLUMN.
 *
 * @param type            the type as written, normalised to lower case with single spaces (e.g. {@code varchar(20)}, {@code bigint})
 * @param defaultExpr     default expression text, or null when there is none
 * @param inlineConstraints CHECK / UNIQUE / PRIMARY KEY / REFERENCES written on the column itself
 */
public record ColumnDef(
        String name,
        String type,
        boolean notNull,
        String defaultExpr,
        Volatility defaultVolatility,
        Generated generated,
        List<ConstraintDef> inlineConstraints) {

    public enum Generated { NONE, IDENTITY, STORED, VIRTUAL }

    private static final Pattern SERIAL = Pattern.compile("(small|big)?serial[248]?");

    public boolean hasDefault() {
        return defaultExpr != null;
    }

    /**
     * A type name in the form {@link #type} is documented in: trimmed, lower case, whitespace runs as one space. A loop,
     * not a regex: the schema replay and the lock model call it for every column.
     */
    public static String normalType(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(t.length());
        boolean space = false;
        boolean changed = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                changed |= c != ' ' || space;
                space = true;
            } else {
                if (space) out.append(' ');
                space = false;
                out.append(c);
            }
        }
        return changed ? out.toString() : t;
    }

    /** serial, bigserial, smallserial: a nextval() default, so volatile. */
    public boolean isSerial() {
        return type != null && SERIAL.matcher(type).matches();
    }
}
