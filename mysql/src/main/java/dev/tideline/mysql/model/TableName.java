package dev.tideline.mysql.model;

import java.util.Locale;

/**
 * A table as written: {@code schema} is null when the statement did not qualify it. MySQL compares table names as
 * written on Linux; {@link #key()} folds case because migrations of one project spell the same table both ways
 * only when the server folds them (lower_case_table_names=1), and never mean two tables by it.
 */
public record TableName(String schema, String name) {
    public static TableName of(String name) {
        return new TableName(null, name);
    }

    /** The name a schema model files the table under. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
