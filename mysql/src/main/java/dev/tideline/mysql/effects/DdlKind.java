package dev.tideline.mysql.effects;

/**
 * The kinds of change the online-DDL model tells apart: each behaves alike on a given server (same algorithms, rebuild
 * and weakest LOCK), and each has conformance cases on real servers.
 */
public enum DdlKind {
    ADD_COLUMN, ADD_COLUMN_POSITIONED, ADD_COLUMN_EXPRESSION_DEFAULT, ADD_COLUMN_VIRTUAL, ADD_COLUMN_STORED,
    ADD_COLUMN_AUTO_INCREMENT,
    DROP_COLUMN, DROP_INDEXED_COLUMN, RENAME_COLUMN, REORDER_COLUMN,
    /** VARCHAR made longer within what the server extends in place (length bytes; MariaDB's 127/255-byte rule). */
    EXTEND_VARCHAR,
    /** Any other type change (shrink, INT → BIGINT, VARCHAR across the length-byte boundary, CHAR length): a copy. */
    CHANGE_COLUMN_TYPE,
    /** utf8mb3 → utf8mb4 on a column. */
    WIDEN_COLUMN_CHARSET,
    /** Any other column charset change (latin1 → utf8mb4): a copy. */
    CHANGE_COLUMN_CHARSET,
    CHANGE_COLUMN_COLLATION, MAKE_COLUMN_NULLABLE, MAKE_COLUMN_NOT_NULL,
    /** SET/DROP DEFAULT, a MODIFY that changes only the default or the comment. */
    CHANGE_COLUMN_DEFAULT,
    APPEND_ENUM_VALUE, REORDER_ENUM_VALUES,
    ADD_INDEX, ADD_UNIQUE_INDEX, ADD_FULLTEXT_INDEX, ADD_SPATIAL_INDEX, DROP_INDEX, RENAME_INDEX,
    ADD_PRIMARY_KEY, DROP_PRIMARY_KEY, REPLACE_PRIMARY_KEY,
    ADD_FOREIGN_KEY, DROP_FOREIGN_KEY, ADD_CHECK, DROP_CHECK,
    RENAME_TABLE, CONVERT_CHARSET, TABLE_DEFAULT_CHARSET,
    /** ROW_FORMAT=, KEY_BLOCK_SIZE=, ENGINE=InnoDB on InnoDB, FORCE. */
    REBUILD_TABLE,
    /** AUTO_INCREMENT=n, COMMENT=, STATS_* … */
    TABLE_METADATA_OPTION,
    ADD_PARTITION, DROP_PARTITION, TRUNCATE_PARTITION, REORGANIZE_PARTITION,
    OPTIMIZE_TABLE, ANALYZE_TABLE, TRUNCATE_TABLE,
    /** A statement or sub-command this model does not classify: no prediction. */
    UNMODELLED
}
