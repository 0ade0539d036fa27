package dev.tideline.mysql.model;

import dev.tideline.analyzer.source.SqlStatement;
import java.util.List;
import java.util.Map;

/** What a MySQL/MariaDB statement asks for, as the recognizer read it. */
public sealed interface MySqlOperation {

    record CreateTable(TableName table, boolean ifNotExists, boolean temporary, List<ColumnDefinition> columns,
                       List<IndexDefinition> indexes, List<ForeignKey> foreignKeys, List<String> checks,
                       Map<String, String> options, boolean partitioned, TableName like, boolean asSelect)
            implements MySqlOperation {
        public CreateTable {
            columns = List.copyOf(columns);
            indexes = List.copyOf(indexes);
            foreignKeys = List.copyOf(foreignKeys);
            checks = List.copyOf(checks);
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
    }

    record DropTable(List<TableName> tables, boolean ifExists, boolean temporary) implements MySqlOperation {}

    record AlterTable(TableName table, List<AlterAction> actions, AlterClauses clauses) implements MySqlOperation {
        public AlterTable {
            actions = List.copyOf(actions);
        }
    }

    record CreateIndex(TableName table, IndexDefinition index, boolean ifNotExists, AlterClauses clauses)
            implements MySqlOperation {}

    record DropIndex(TableName table, String name, boolean ifExists, AlterClauses clauses) implements MySqlOperation {}

    record RenameTables(List<Rename> renames) implements MySqlOperation {
        public record Rename(TableName from, TableName to) {}
    }

    record Truncate(TableName table) implements MySqlOperation {}

    /** OPTIMIZE / ANALYZE / CHECK / REPAIR TABLE. */
    record TableMaintenance(String command, List<TableName> tables) implements MySqlOperation {}

    /**
     * {@code SET …}: session, global and user variables ({@code @x}), {@code SET NAMES}/{@code CHARACTER SET}
     * (name {@code names}), {@code SET TRANSACTION} (name {@code transaction}).
     */
    record SetVariables(List<Assignment> assignments) implements MySqlOperation {
        public record Assignment(Scope scope, String name, String value) {}

        public enum Scope { SESSION, GLOBAL, PERSIST, USER }
    }

    /** MariaDB {@code SET STATEMENT var=v[, …] FOR statement}: settings for that one statement. */
    record SetStatement(List<SetVariables.Assignment> assignments, List<MySqlOperation> statement) implements MySqlOperation {}

    /** {@code LOCK TABLES t READ|WRITE, …}. */
    record LockTables(List<TableLock> tables) implements MySqlOperation {
        public record TableLock(TableName table, String mode) {}
    }

    record UnlockTables() implements MySqlOperation {}

    record Call(String routine, String arguments) implements MySqlOperation {}

    /** CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT with the statements of its body, each recognized on its own. */
    record CreateRoutine(String kind, String name, List<BodyStatement> body) implements MySqlOperation {
        public CreateRoutine {
            body = List.copyOf(body);
        }
    }

    /** One statement inside a routine body, located in the file. */
    record BodyStatement(SqlStatement statement, List<MySqlOperation> operations) {}

    record DropRoutine(String kind, String name, boolean ifExists) implements MySqlOperation {}

    /**
     * {@code PREPARE s FROM …}, {@code EXECUTE s}, {@code DEALLOCATE PREPARE s}: SQL built at run time, which a static
     * analysis cannot see; recognized so that it can be reported as not analysed.
     */
    record DynamicSql(String command, String name) implements MySqlOperation {}

    /** INSERT/REPLACE/UPDATE/DELETE on {@code tables} (the written targets); {@code whereClause}: the rows are narrowed. */
    record Dml(String command, List<TableName> tables, boolean whereClause) implements MySqlOperation {}

    /** A query (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, DO): reads only. */
    record Query(String command) implements MySqlOperation {}

    /** START TRANSACTION/BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE SAVEPOINT, XA … */
    record Transaction(String command) implements MySqlOperation {}

    /** CREATE/ALTER/DROP DATABASE (SCHEMA) and USE. */
    record Database(String command, String name) implements MySqlOperation {}

    /**
     * DDL on something other than a table (view, user, grant, server, tablespace, drop trigger/event …): it commits
     * implicitly and takes no table metadata lock this model follows.
     */
    record OtherDdl(String command, String name) implements MySqlOperation {}

    /** Inside a routine body: DECLARE, LEAVE, ITERATE, RETURN, SIGNAL, RESIGNAL, OPEN/FETCH/CLOSE cursor. */
    record RoutineControl(String command) implements MySqlOperation {}

    record Unrecognized(String reason) implements MySqlOperation {}
}
