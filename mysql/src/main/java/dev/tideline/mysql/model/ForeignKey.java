package dev.tideline.mysql.model;

import java.util.List;

/** {@code [CONSTRAINT name] FOREIGN KEY [index] (columns) REFERENCES table (columns) …}; name null when not written. */
public record ForeignKey(String name, List<String> columns, TableName referenced, List<String> referencedColumns) {
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
