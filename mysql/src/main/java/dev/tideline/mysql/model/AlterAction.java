package dev.tideline.mysql.model;

import java.util.List;
import java.util.Map;

/** One sub-command of ALTER TABLE, as written. */
public sealed interface AlterAction {

    /** FIRST, AFTER col, or (both null/false) the end. */
    record Position(boolean first, String after) {
        public static final Position END = new Position(false, null);

        public boolean isEnd() {
            return !first && after == null;
        }
    }

    record AddColumn(ColumnDefinition column, Position position, boolean ifNotExists) implements AlterAction {}

    record DropColumn(String name, boolean ifExists) implements AlterAction {}

    /** {@code MODIFY [COLUMN] name definition [FIRST|AFTER]}. */
    record ModifyColumn(ColumnDefinition column, Position position) implements AlterAction {}

    /** {@code CHANGE [COLUMN] old new definition [FIRST|AFTER]}: a redefinition that may rename. */
    record ChangeColumn(String oldName, ColumnDefinition column, Position position) implements AlterAction {}

    record RenameColumn(String from, String to) implements AlterAction {}

    /** {@code ALTER [COLUMN] c SET DEFAULT v}; {@code value} null for {@code DROP DEFAULT}. */
    record ColumnDefault(String column, DefaultValue value) implements AlterAction {}

    /** {@code ALTER [COLUMN] c SET VISIBLE|INVISIBLE}. */
    record ColumnVisibility(String column, boolean visible) implements AlterAction {}

    /** ADD INDEX/KEY/UNIQUE/FULLTEXT/SPATIAL/PRIMARY KEY (with or without CONSTRAINT name). */
    record AddIndex(IndexDefinition index, boolean ifNotExists) implements AlterAction {}

    record DropIndex(String name, boolean ifExists) implements AlterAction {}

    record DropPrimaryKey() implements AlterAction {}

    record RenameIndex(String from, String to) implements AlterAction {}

    /** {@code ALTER INDEX i VISIBLE|INVISIBLE} (MySQL), {@code IGNORED|NOT IGNORED} (MariaDB 10.6). */
    record IndexVisibility(String name, boolean visible) implements AlterAction {}

    record AddForeignKey(ForeignKey foreignKey) implements AlterAction {}

    record DropForeignKey(String name, boolean ifExists) implements AlterAction {}

    record AddCheck(String name, String expression) implements AlterAction {}

    /** {@code ALTER CHECK|CONSTRAINT c [NOT] ENFORCED} (MySQL 8.0.16). */
    record CheckEnforcement(String name, boolean enforced) implements AlterAction {}

    /** {@code DROP CHECK c} ({@code check} true) or {@code DROP CONSTRAINT c} (any kind, MySQL 8.0.19 / MariaDB). */
    record DropConstraint(String name, boolean check, boolean ifExists) implements AlterAction {}

    /**
     * Table options: keys are canonical upper-case names ({@code ENGINE}, {@code ROW_FORMAT}, {@code CHARSET},
     * {@code COLLATE}, {@code AUTO_INCREMENT}, {@code COMMENT}, {@code KEY_BLOCK_SIZE} …), values as written.
     */
    record TableOptions(Map<String, String> options) implements AlterAction {
        public TableOptions {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
    }

    /** {@code CONVERT TO CHARACTER SET cs [COLLATE c]}. */
    record ConvertCharset(String charset, String collation) implements AlterAction {}

    /** {@code RENAME [TO|AS] new}. */
    record RenameTable(TableName to) implements AlterAction {}

    /** {@code FORCE}: rebuild the table. */
    record Force() implements AlterAction {}

    /** A partition command ({@code ADD PARTITION}, {@code REORGANIZE PARTITION}, {@code PARTITION BY}, …). */
    record Partition(PartitionCommand command, List<String> partitions) implements AlterAction {
        public Partition {
            partitions = List.copyOf(partitions);
        }
    }

    enum PartitionCommand {
        ADD, DROP, TRUNCATE, REORGANIZE, COALESCE, REBUILD, EXCHANGE, ANALYZE, CHECK, OPTIMIZE, REPAIR, DISCARD, IMPORT,
        PARTITION_BY, REMOVE_PARTITIONING
    }

    /** A sub-command this recognizer does not know; the statement counts as not recognized. */
    record Unknown(String text) implements AlterAction {}
}
