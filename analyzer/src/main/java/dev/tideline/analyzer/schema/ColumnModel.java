package dev.tideline.analyzer.schema;

/** A column as the replayed migrations left it. {@code type} normalised like {@code ColumnDef.type()}. */
public record ColumnModel(String name, String type, boolean notNull, String defaultExpr) {}
