package dev.tideline.mysql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.effects.Algorithm;
import dev.tideline.mysql.effects.LockLevel;
import dev.tideline.mysql.lex.MySqlLexis;
import dev.tideline.mysql.lex.MySqlSplitter;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.ColumnDefinition;
import dev.tideline.mysql.model.DefaultValue;
import dev.tideline.mysql.model.IndexKind;
import dev.tideline.mysql.model.MySqlOperation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlRecognizerTest {
    private static final MySqlLexis LEXIS = new MySqlLexis(true, false, 80036, false);
    private static final MySqlRecognizer RECOGNIZER = new MySqlRecognizer(LEXIS);

    private static List<MySqlOperation> recognize(String sql) {
        return RECOGNIZER.recognize(new SqlStatement(Path.of("t.sql"), 0, 1, 1, 1, sql.length(), sql));
    }

    private static MySqlOperation.AlterTable alter(String sql) {
        List<MySqlOperation> ops = recognize(sql);
        assertTrue(MySqlRecognizer.complete(ops), ops.toString());
        return assertInstanceOf(MySqlOperation.AlterTable.class, ops.get(0));
    }

    @Test
    void addColumnKeepsEveryPartOfTheDefinition() {
        MySqlOperation.AlterTable at = alter("ALTER TABLE `t` ADD COLUMN `name` VARCHAR(64) CHARACTER SET latin1 "
                + "COLLATE latin1_bin NOT NULL DEFAULT 'x' COMMENT 'c' after `id`, ALGORITHM=INSTANT");
        AlterAction.AddColumn add = assertInstanceOf(AlterAction.AddColumn.class, at.actions().get(0));
        ColumnDefinition c = add.column();
        assertEquals("varchar", c.type().name());
        assertEquals(64, c.type().length().getAsInt());
        assertEquals("latin1", c.writtenCharset());
        assertEquals("latin1_bin", c.writtenCollation());
        assertEquals(Boolean.FALSE, c.nullable());
        assertEquals(DefaultValue.Kind.CONSTANT, c.defaultValue().kind());
        assertEquals("id", add.position().after());
        assertEquals(Algorithm.INSTANT, at.clauses().clause().algorithm());
        assertNull(at.clauses().clause().lock());
    }

    @Test
    void generatedAutoIncrementAndExpressionDefaults() {
        MySqlOperation.AlterTable at = alter("ALTER TABLE t ADD x INT AS (a + 1) STORED, ADD y BIGINT NOT NULL AUTO_INCREMENT "
                + "PRIMARY KEY FIRST, ADD z VARCHAR(36) DEFAULT (UUID()), ADD w INT GENERATED ALWAYS AS (a) VIRTUAL");
        List<AlterAction> a = at.actions();
        assertEquals(ColumnDefinition.Generated.STORED, ((AlterAction.AddColumn) a.get(0)).column().generated());
        AlterAction.AddColumn y = (AlterAction.AddColumn) a.get(1);
        assertTrue(y.column().autoIncrement());
        assertEquals(IndexKind.PRIMARY, y.column().inlineKey());
        assertTrue(y.position().first());
        assertTrue(((AlterAction.AddColumn) a.get(2)).column().defaultValue().nonDeterministic());
        assertEquals(ColumnDefinition.Generated.VIRTUAL, ((AlterAction.AddColumn) a.get(3)).column().generated());
    }

    @Test
    void indexesForeignKeysAndConstraints() {
        MySqlOperation.AlterTable at = alter("ALTER TABLE t ADD UNIQUE INDEX uq (a, b(10) DESC), ADD FULLTEXT ft (c), "
                + "ADD SPATIAL INDEX sp (pt), ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES parent (id) ON DELETE CASCADE, "
                + "DROP FOREIGN KEY fk_old, DROP PRIMARY KEY, ADD PRIMARY KEY (id, a), ADD CONSTRAINT chk CHECK (a > 0), "
                + "DROP CHECK chk2, RENAME INDEX i1 TO i2, LOCK = SHARED");
        List<AlterAction> a = at.actions();
        AlterAction.AddIndex uq = (AlterAction.AddIndex) a.get(0);
        assertEquals(IndexKind.UNIQUE, uq.index().kind());
        assertEquals(10, uq.index().parts().get(1).prefixLength());
        assertTrue(uq.index().parts().get(1).descending());
        assertEquals(IndexKind.FULLTEXT, ((AlterAction.AddIndex) a.get(1)).index().kind());
        assertEquals(IndexKind.SPATIAL, ((AlterAction.AddIndex) a.get(2)).index().kind());
        AlterAction.AddForeignKey fk = (AlterAction.AddForeignKey) a.get(3);
        assertEquals("fk", fk.foreignKey().name());
        assertEquals("parent", fk.foreignKey().referenced().name());
        assertEquals("fk_old", ((AlterAction.DropForeignKey) a.get(4)).name());
        assertInstanceOf(AlterAction.DropPrimaryKey.class, a.get(5));
        assertEquals(IndexKind.PRIMARY, ((AlterAction.AddIndex) a.get(6)).index().kind());
        assertInstanceOf(AlterAction.AddCheck.class, a.get(7));
        assertInstanceOf(AlterAction.DropConstraint.class, a.get(8));
        assertInstanceOf(AlterAction.RenameIndex.class, a.get(9));
        assertEquals(LockLevel.SHARED, at.clauses().clause().lock());
    }

    @Test
    void tableOptionsCharsetConversionAndRename() {
        MySqlOperation.AlterTable at = alter("ALTER TABLE t ENGINE=InnoDB ROW_FORMAT=COMPRESSED DEFAULT CHARSET=utf8mb4, "
                + "AUTO_INCREMENT = 100, COMMENT 'hi', CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, RENAME TO t2, FORCE");
        AlterAction.TableOptions o = (AlterAction.TableOptions) at.actions().get(0);
        assertEquals("COMPRESSED", o.options().get("ROW_FORMAT"));
        assertEquals("utf8mb4", o.options().get("CHARSET"));
        assertEquals("100", ((AlterAction.TableOptions) at.actions().get(1)).options().get("AUTO_INCREMENT"));
        assertEquals("utf8mb4_bin", ((AlterAction.ConvertCharset) at.actions().get(3)).collation());
        assertEquals("t2", ((AlterAction.RenameTable) at.actions().get(4)).to().name());
        assertInstanceOf(AlterAction.Force.class, at.actions().get(5));
    }

    @Test
    void mariaDbClausesAndPartitionCommands() {
        MySqlOperation.AlterTable at = alter("ALTER TABLE IF EXISTS t WAIT 5 ADD COLUMN IF NOT EXISTS x INT, "
                + "DROP COLUMN IF EXISTS y, DROP INDEX IF EXISTS i, ALGORITHM=NOCOPY, LOCK=NONE");
        assertEquals(5, at.clauses().waitSeconds());
        assertTrue(at.clauses().ifExists());
        assertTrue(((AlterAction.AddColumn) at.actions().get(0)).ifNotExists());
        assertTrue(((AlterAction.DropColumn) at.actions().get(1)).ifExists());
        assertEquals(Algorithm.NOCOPY, at.clauses().clause().algorithm());
        MySqlOperation.AlterTable p = alter("ALTER TABLE t ALGORITHM=INPLACE, LOCK=NONE, REORGANIZE PARTITION p2 INTO "
                + "(PARTITION p2a VALUES LESS THAN (300), PARTITION p2b VALUES LESS THAN (400))");
        AlterAction.Partition part = (AlterAction.Partition) p.actions().get(0);
        assertEquals(AlterAction.PartitionCommand.REORGANIZE, part.command());
        assertEquals(List.of("p2"), part.partitions());
        assertEquals(0, alter("ALTER TABLE t NOWAIT DROP PARTITION p0, p1").clauses().waitSeconds());
    }

    @Test
    void indexStatementsWithFunctionalKeyPartsAndClauses() {
        MySqlOperation.CreateIndex ci = assertInstanceOf(MySqlOperation.CreateIndex.class, recognize(
                "CREATE INDEX i ON t ((COALESCE(close_time, CAST('9999-12-31' AS DATETIME))) DESC, a) ALGORITHM=INPLACE LOCK=NONE").get(0));
        assertTrue(ci.index().parts().get(0).isFunctional());
        assertEquals(LockLevel.NONE, ci.clauses().clause().lock());
        MySqlOperation.DropIndex di = assertInstanceOf(MySqlOperation.DropIndex.class,
                recognize("DROP INDEX idx ON tuple LOCK = NONE").get(0));
        assertEquals("tuple", di.table().name());
        assertInstanceOf(MySqlOperation.Unrecognized.class, recognize("DROP INDEX idx").get(0));
    }

    @Test
    void sessionSettingsLocksCallsAndDynamicSql() {
        MySqlOperation.SetVariables set = assertInstanceOf(MySqlOperation.SetVariables.class,
                recognize("SET SESSION foreign_key_checks = 0, @@lock_wait_timeout = 5, sql_mode = 'STRICT_ALL_TABLES'").get(0));
        assertEquals(List.of("foreign_key_checks", "lock_wait_timeout", "sql_mode"),
                set.assignments().stream().map(MySqlOperation.SetVariables.Assignment::name).toList());
        assertEquals("0", set.assignments().get(0).value());
        MySqlOperation.LockTables lock = assertInstanceOf(MySqlOperation.LockTables.class,
                recognize("LOCK TABLES a WRITE, b AS bb READ").get(0));
        assertEquals("READ", lock.tables().get(1).mode());
        assertInstanceOf(MySqlOperation.Call.class, recognize("CALL add_col('t', 'c')").get(0));
        assertInstanceOf(MySqlOperation.DynamicSql.class, recognize("PREPARE st FROM @sql").get(0));
        MySqlOperation.SetStatement ss = assertInstanceOf(MySqlOperation.SetStatement.class,
                recognize("SET STATEMENT lock_wait_timeout=3 FOR ALTER TABLE t ADD COLUMN x INT").get(0));
        assertInstanceOf(MySqlOperation.AlterTable.class, ss.statement().get(0));
    }

    @Test
    void procedureBodiesAreReadStatementByStatement() {
        String file = "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.COLUMNS"
                + " WHERE TABLE_NAME='t') THEN\n    ALTER TABLE t ADD COLUMN c INT;\n  ELSE\n    SET @s = CONCAT('ALTER TABLE ', 't');"
                + "\n    PREPARE st FROM @s;\n  END IF;\nEND$$\nDELIMITER ;\nCALL p;";
        List<SqlStatement> statements = new MySqlSplitter(LEXIS).split(Path.of("f.sql"), file).statements();
        MySqlOperation.CreateRoutine r = assertInstanceOf(MySqlOperation.CreateRoutine.class,
                RECOGNIZER.recognize(statements.get(0)).get(0));
        assertEquals(3, r.body().size(), r.body().toString());
        MySqlOperation.BodyStatement alter = r.body().get(0);
        assertInstanceOf(MySqlOperation.AlterTable.class, alter.operations().get(0));
        assertEquals(5, alter.statement().line());
        assertInstanceOf(MySqlOperation.DynamicSql.class, r.body().get(2).operations().get(0));
        assertInstanceOf(MySqlOperation.Call.class, RECOGNIZER.recognize(statements.get(1)).get(0));
    }

    @Test
    void createTableKeepsColumnsKeysOptionsAndPartitioning() {
        MySqlOperation.CreateTable ct = assertInstanceOf(MySqlOperation.CreateTable.class, recognize(
                "CREATE TABLE IF NOT EXISTS `t` (`id` bigint NOT NULL AUTO_INCREMENT, `a` varchar(20) COLLATE utf8_bin, "
                        + "PRIMARY KEY (`id`), KEY `i` (`a`), FULLTEXT KEY ft (a), CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (x)) "
                        + "ENGINE=InnoDB AUTO_INCREMENT=1 DEFAULT CHARSET=utf8 ROW_FORMAT=DYNAMIC "
                        + "PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10))").get(0));
        assertEquals(2, ct.columns().size());
        assertEquals(3, ct.indexes().size());
        assertEquals(1, ct.foreignKeys().size());
        assertEquals("utf8", ct.options().get("CHARSET"));
        assertTrue(ct.partitioned());
        assertFalse(ct.asSelect());
    }

    @Test
    void unknownSubCommandsAreReportedNotSkipped() {
        List<MySqlOperation> ops = recognize("ALTER TABLE t ADD COLUMN a INT, FROBNICATE b");
        assertFalse(MySqlRecognizer.complete(ops));
        MySqlOperation.AlterTable at = (MySqlOperation.AlterTable) ops.get(0);
        assertInstanceOf(AlterAction.AddColumn.class, at.actions().get(0));
        assertEquals("FROBNICATE b", ((AlterAction.Unknown) at.actions().get(1)).text());
    }
}
