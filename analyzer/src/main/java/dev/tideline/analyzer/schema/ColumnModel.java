package dev.tideline.analyzer.schema;

/** A column as the replayed migrations left it. {@code type} normalised like {@code ColumnDef.type()}. */
public record ColumnModel(String name, String type, boolean notNull, String defaultExpr) {
    /** The default of a serial column: its sequence is the one PostgreSQL names after the table and column. */
    public static final String SERIAL_DEFAULT = "nextval(…)";
}
