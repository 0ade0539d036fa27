package dev.tideline.mysql.model;

import java.util.List;

/** An index or key as written in CREATE TABLE, ADD INDEX/KEY/UNIQUE/FULLTEXT/SPATIAL/PRIMARY KEY or CREATE INDEX. */
public record IndexDefinition(IndexKind kind, String name, List<KeyPart> parts) {
    public IndexDefinition {
        parts = List.copyOf(parts);
    }
}
