package dev.tideline.analyzer.model;

import java.util.List;
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

    /** serial, bigserial, smallserial: a nextval() default, so volatile. */
    public boolean isSerial() {
        return type != null && SERIAL.matcher(type).matches();
    }
}
