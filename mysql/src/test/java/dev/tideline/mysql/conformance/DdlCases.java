package dev.tideline.mysql.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The conformance cases: one or more per kind of change the effect model tells apart, each on a fresh schema with 300
 * rows, written without an ALGORITHM/LOCK clause. The tables mirror those the reference was read off
 * ({@code shared/reference/mysql-online-ddl.md} §2).
 */
final class DdlCases {
    private static final String ROWS = " WITH RECURSIVE seq (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 300) ";

    /** t: every column kind the cases change; parent: the FK target. */
    static final List<String> T = List.of(
            "CREATE TABLE parent (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB",
            "INSERT INTO parent (id) VALUES (1)",
            "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a INT NOT NULL DEFAULT 0, b VARCHAR(50) CHARACTER SET utf8mb4,"
                    + " c VARCHAR(50) CHARACTER SET latin1, l VARCHAR(200) CHARACTER SET latin1, s VARCHAR(20) CHARACTER SET utf8mb4,"
                    + " u VARCHAR(50) CHARACTER SET utf8mb3, n INT NULL, nn INT NOT NULL DEFAULT 1, e ENUM('x','y','z'),"
                    + " parent_id INT NULL, KEY idx_a (a), CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id))"
                    + " ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4",
            "INSERT INTO t (id, a, b, c, l, s, u, n, nn, e, parent_id)" + ROWS
                    + "SELECT i, i, CONCAT('b', i), 'c', 'l', 's', 'u', i, 1, 'x', 1 FROM seq");

    private static List<String> table(String create, String insert) {
        return List.of(create, insert);
    }

    private static final List<String> REDUNDANT = table(
            "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, b VARCHAR(50) CHARACTER SET utf8mb4, n INT NULL, nn INT NOT NULL DEFAULT 1)"
                    + " ENGINE=InnoDB ROW_FORMAT=REDUNDANT DEFAULT CHARSET=utf8mb4",
            "INSERT INTO t (id, b, n, nn)" + ROWS + "SELECT i, 'b', i, 1 FROM seq");
    private static final List<String> COMPRESSED = table(
            "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a INT NOT NULL DEFAULT 0) ENGINE=InnoDB ROW_FORMAT=COMPRESSED",
            "INSERT INTO t (id, a)" + ROWS + "SELECT i, i FROM seq");
    private static final List<String> FULLTEXT = table(
            "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, b VARCHAR(50), c VARCHAR(50), FULLTEXT KEY ft_c (c)) ENGINE=InnoDB",
            "INSERT INTO t (id, b, c)" + ROWS + "SELECT i, 'b', 'c' FROM seq");
    private static final List<String> SPATIAL = table(
            "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, pt POINT NOT NULL) ENGINE=InnoDB",
            "INSERT INTO t (id, pt)" + ROWS + "SELECT i, ST_GeomFromText('POINT(1 1)') FROM seq");
    private static final List<String> PARTITIONED = table(
            "CREATE TABLE t (id INT NOT NULL, a INT NOT NULL DEFAULT 0, PRIMARY KEY (id)) ENGINE=InnoDB"
                    + " PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN (200),"
                    + " PARTITION p2 VALUES LESS THAN (400))",
            "INSERT INTO t (id, a)" + ROWS + "SELECT i, i FROM seq");
    private static final List<String> NO_PRIMARY_KEY = table(
            "CREATE TABLE t (id INT NOT NULL, a INT NOT NULL DEFAULT 0, KEY idx_a (a)) ENGINE=InnoDB",
            "INSERT INTO t (id, a)" + ROWS + "SELECT i, i FROM seq");

    private static List<String> plus(List<String> setup, String... more) {
        List<String> all = new ArrayList<>(setup);
        all.addAll(List.of(more));
        return all;
    }

    private static DdlCase alter(String name, List<String> setup, String subCommand) {
        return new DdlCase(name, setup, "ALTER TABLE t " + subCommand, "t", "t");
    }

    private static DdlCase statement(String name, List<String> setup, String sql) {
        return new DdlCase(name, setup, sql, "t", "t");
    }

    /** The cases every build runs. */
    static List<DdlCase> all() {
        List<DdlCase> c = new ArrayList<>();
        c.add(alter("add_col_null_end", T, "ADD COLUMN x INT NULL"));
        c.add(alter("add_col_notnull_nodefault", T, "ADD COLUMN x INT NOT NULL"));
        c.add(alter("add_col_varchar_default", T, "ADD COLUMN x VARCHAR(20) NOT NULL DEFAULT 'abc'"));
        c.add(alter("add_col_default_current_ts", T, "ADD COLUMN x TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"));
        c.add(alter("add_col_first", T, "ADD COLUMN x INT NULL FIRST"));
        c.add(alter("add_col_after", T, "ADD COLUMN x INT NULL AFTER a"));
        c.add(alter("add_col_default_expr_uuid", T, "ADD COLUMN x VARCHAR(36) DEFAULT (UUID())"));
        c.add(alter("add_col_virtual", T, "ADD COLUMN x INT AS (a + 1) VIRTUAL"));
        c.add(alter("add_col_stored", T, "ADD COLUMN x INT AS (a + 1) STORED"));
        c.add(alter("add_col_autoinc_pk", NO_PRIMARY_KEY, "ADD COLUMN x BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"));
        c.add(alter("add_col_on_fulltext_table", FULLTEXT, "ADD COLUMN x INT NULL"));
        c.add(alter("add_col_on_partitioned_table", PARTITIONED, "ADD COLUMN x INT NULL"));
        c.add(alter("add_col_row_format_compressed", COMPRESSED, "ADD COLUMN x INT NULL"));
        c.add(alter("add_col_and_index", T, "ADD COLUMN x INT NULL, ADD INDEX idx_x (x)"));
        c.add(alter("drop_col", T, "DROP COLUMN n"));
        c.add(alter("drop_col_indexed", T, "DROP COLUMN a"));
        c.add(alter("rename_col", T, "RENAME COLUMN n TO n2"));
        c.add(alter("change_col_rename_same_type", T, "CHANGE COLUMN n n2 INT NULL"));
        c.add(alter("rename_col_fk_child", T, "RENAME COLUMN parent_id TO parent_id2"));
        c.add(alter("reorder_col", T, "MODIFY COLUMN n INT NULL FIRST"));
        c.add(alter("varchar_widen_within_255B", T, "MODIFY b VARCHAR(63)"));
        c.add(alter("varchar_widen_across_255B", T, "MODIFY b VARCHAR(64)"));
        c.add(alter("varchar_widen_latin1_across", T, "MODIFY c VARCHAR(256) CHARACTER SET latin1"));
        c.add(alter("varchar_utf8mb4_80B_to_400B", T, "MODIFY s VARCHAR(100) CHARACTER SET utf8mb4"));
        c.add(alter("varchar_latin1_200B_to_300B", T, "MODIFY l VARCHAR(300) CHARACTER SET latin1"));
        c.add(alter("varchar_widen_redundant_across", REDUNDANT, "MODIFY b VARCHAR(64)"));
        c.add(alter("varchar_shrink", T, "MODIFY b VARCHAR(40)"));
        c.add(alter("int_to_bigint", T, "MODIFY n BIGINT NULL"));
        c.add(alter("charset_latin1_to_utf8mb4", T, "MODIFY c VARCHAR(50) CHARACTER SET utf8mb4"));
        c.add(alter("charset_utf8mb3_to_utf8mb4", T, "MODIFY u VARCHAR(50) CHARACTER SET utf8mb4"));
        c.add(alter("collation_change_unindexed", T, "MODIFY b VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
        c.add(alter("make_nullable", T, "MODIFY nn INT NULL DEFAULT 1"));
        c.add(alter("make_nullable_redundant", REDUNDANT, "MODIFY nn INT NULL DEFAULT 1"));
        c.add(alter("make_not_null", T, "MODIFY n INT NOT NULL"));
        c.add(alter("set_default", T, "ALTER COLUMN a SET DEFAULT 5"));
        c.add(alter("drop_default", T, "ALTER COLUMN a DROP DEFAULT"));
        c.add(alter("column_comment", T, "MODIFY a INT NOT NULL DEFAULT 0 COMMENT 'hello'"));
        c.add(alter("enum_append_value", T, "MODIFY e ENUM('x','y','z','w')"));
        c.add(alter("enum_insert_middle", T, "MODIFY e ENUM('x','w','y','z')"));
        c.add(alter("add_index", T, "ADD INDEX idx_b (b)"));
        c.add(alter("add_unique_index", T, "ADD UNIQUE INDEX uq_b (b)"));
        c.add(alter("add_fulltext_first", T, "ADD FULLTEXT INDEX ft_b (b)"));
        c.add(alter("add_fulltext_second", FULLTEXT, "ADD FULLTEXT INDEX ft_b (b)"));
        c.add(alter("add_spatial_index", SPATIAL, "ADD SPATIAL INDEX sp_pt (pt)"));
        c.add(alter("drop_index", T, "DROP INDEX idx_a"));
        c.add(alter("rename_index", T, "RENAME INDEX idx_a TO idx_a2"));
        c.add(statement("create_index_stmt", T, "CREATE INDEX idx_b ON t (b)"));
        c.add(statement("create_unique_index_stmt", T, "CREATE UNIQUE INDEX uq_b ON t (b)"));
        c.add(statement("drop_index_stmt", T, "DROP INDEX idx_a ON t"));
        c.add(alter("add_primary_key", NO_PRIMARY_KEY, "ADD PRIMARY KEY (id)"));
        c.add(alter("drop_primary_key", T, "DROP PRIMARY KEY"));
        c.add(alter("drop_and_add_primary_key", T, "DROP PRIMARY KEY, ADD PRIMARY KEY (id, a)"));
        c.add(alter("add_fk_checks_on", plus(T, "ALTER TABLE t DROP FOREIGN KEY fk_parent"),
                "ADD CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent (id)"));
        c.add(alter("add_fk_checks_off", plus(T, "ALTER TABLE t DROP FOREIGN KEY fk_parent", "SET foreign_key_checks = 0"),
                "ADD CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent (id)"));
        c.add(alter("add_fk_checks_off_unindexed", plus(T, "SET foreign_key_checks = 0"),
                "ADD CONSTRAINT fk_n FOREIGN KEY (n) REFERENCES parent (id)"));
        c.add(alter("drop_fk", T, "DROP FOREIGN KEY fk_parent"));
        c.add(alter("add_check", T, "ADD CONSTRAINT chk_a CHECK (a >= 0)"));
        c.add(alter("drop_check", plus(T, "ALTER TABLE t ADD CONSTRAINT chk_a CHECK (a >= 0)"), "DROP CHECK chk_a"));
        c.add(alter("drop_constraint", plus(T, "ALTER TABLE t ADD CONSTRAINT chk_a CHECK (a >= 0)"), "DROP CONSTRAINT chk_a"));
        c.add(new DdlCase("rename_table_alter", T, "ALTER TABLE t RENAME TO t_renamed", "t", "t_renamed"));
        c.add(new DdlCase("rename_table_stmt", T, "RENAME TABLE t TO t_renamed", "t", "t_renamed"));
        c.add(alter("convert_to_charset", T, "CONVERT TO CHARACTER SET utf8mb4"));
        c.add(alter("table_default_charset", T, "DEFAULT CHARACTER SET latin1"));
        c.add(alter("row_format_compact", T, "ROW_FORMAT=COMPACT"));
        c.add(alter("force_rebuild", T, "FORCE"));
        c.add(alter("engine_innodb_rebuild", T, "ENGINE=InnoDB"));
        c.add(alter("auto_increment_value", T, "AUTO_INCREMENT=100000"));
        c.add(alter("table_comment", T, "COMMENT='hello'"));
        c.add(statement("optimize_table", T, "OPTIMIZE TABLE t"));
        c.add(statement("analyze_table", T, "ANALYZE TABLE t"));
        c.add(statement("truncate_table", T, "TRUNCATE TABLE t"));
        c.add(alter("add_partition", PARTITIONED, "ADD PARTITION (PARTITION p3 VALUES LESS THAN (800))"));
        c.add(alter("drop_partition", PARTITIONED, "DROP PARTITION p0"));
        c.add(alter("truncate_partition", PARTITIONED, "TRUNCATE PARTITION p0"));
        c.add(alter("reorganize_partition", PARTITIONED,
                "REORGANIZE PARTITION p2 INTO (PARTITION p2a VALUES LESS THAN (300), PARTITION p2b VALUES LESS THAN (400))"));
        return c;
    }

    /** Cases too slow for every build: MySQL's instant row-version limit needs 64 instant changes first. */
    static List<DdlCase> exhaustiveOnly() {
        List<String> setup = new ArrayList<>(T);
        for (int i = 0; i < 32; i++) {
            setup.add("ALTER TABLE t ADD COLUMN v" + i + " INT NULL");
            setup.add("ALTER TABLE t DROP COLUMN v" + i);
        }
        return List.of(alter("instant_row_version_limit", setup, "ADD COLUMN x INT NULL"));
    }
}
