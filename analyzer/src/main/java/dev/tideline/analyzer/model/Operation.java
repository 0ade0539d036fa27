package dev.tideline.analyzer.model;

import java.util.List;

/**
 * One effect of a migration statement. An ALTER TABLE with three sub-commands yields three operations.
 * Everything downstream of the analyzer sees only these types, never parser types.
 */
public sealed interface Operation permits
        Operation.CreateTable, Operation.AddColumn, Operation.DropColumn, Operation.AlterColumnType,
        Operation.SetNotNull, Operation.DropNotNull, Operation.SetDefault, Operation.DropDefault,
        Operation.AddConstraint, Operation.ValidateConstraint, Operation.DropConstraint,
        Operation.RenameColumn, Operation.RenameTable, Operation.RenameConstraint, Operation.RenameIndex,
        Operation.CreateIndex, Operation.DropIndex, Operation.Reindex, Operation.DropTable, Operation.Truncate,
        Operation.LockTable, Operation.SetSetting, Operation.Transaction, Operation.Dml, Operation.Vacuum,
        Operation.Cluster, Operation.AlterTableStorage, Operation.AttachPartition, Operation.DetachPartition,
        Operation.CreateEnum, Operation.AlterEnumAddValue, Operation.CreateExtension,
        Operation.RefreshMaterializedView, Operation.CreateDomain, Operation.AlterDomainAddConstraint,
        Operation.CreateTrigger, Operation.DropTrigger, Operation.DropSchema, Operation.DropDatabase,
        Operation.DropOwned, Operation.SetSchema, Operation.DoBlock, Operation.ObjectChange, Operation.Unrecognized {

    /** The table this operation acts on, or null when it acts on no single table. */
    default TableRef table() {
        return null;
    }

    /** @param defaultPartition {@code PARTITION OF parent DEFAULT} */
    record CreateTable(TableRef table, List<ColumnDef> columns, List<ConstraintDef> constraints,
                       boolean ifNotExists, boolean temporary, boolean unlogged, boolean partitioned,
                       TableRef partitionOf, boolean asSelect, boolean defaultPartition) implements Operation {
        public CreateTable(TableRef table, List<ColumnDef> columns, List<ConstraintDef> constraints, boolean ifNotExists,
                           boolean temporary, boolean unlogged, boolean partitioned, TableRef partitionOf, boolean asSelect) {
            this(table, columns, constraints, ifNotExists, temporary, unlogged, partitioned, partitionOf, asSelect, false);
        }
    }

    record AddColumn(TableRef table, ColumnDef column, boolean ifNotExists) implements Operation {}

    record DropColumn(TableRef table, String column, boolean ifExists, boolean cascade) implements Operation {}

    /** {@code ALTER COLUMN c [SET DATA] TYPE t [USING expr]}; {@code using} is null when absent. */
    record AlterColumnType(TableRef table, String column, String newType, String using) implements Operation {}

    record SetNotNull(TableRef table, String column) implements Operation {}

    record DropNotNull(TableRef table, String column) implements Operation {}

    record SetDefault(TableRef table, String column, String expression, Volatility volatility) implements Operation {}

    record DropDefault(TableRef table, String column) implements Operation {}

    record AddConstraint(TableRef table, ConstraintDef constraint) implements Operation {}

    record ValidateConstraint(TableRef table, String name) implements Operation {}

    record DropConstraint(TableRef table, String name, boolean ifExists, boolean cascade) implements Operation {}

    record RenameColumn(TableRef table, String from, String to) implements Operation {}

    record RenameTable(TableRef table, String newName) implements Operation {}

    record RenameConstraint(TableRef table, String from, String to) implements Operation {}

    /** {@code ALTER INDEX i RENAME TO n}; {@code table} unknown unless the schema model knows the index. */
    record RenameIndex(TableRef index, String newName) implements Operation {}

    /** @param columns column names or expression texts; {@code where} is the partial-index predicate or null */
    /** @param options INCLUDE, NULLS [NOT] DISTINCT, WITH (…), TABLESPACE as written; "" when none */
    record CreateIndex(String name, TableRef table, List<IndexElement> elements, boolean unique, boolean concurrently,
                       boolean ifNotExists, String method, String where, boolean only, String options) implements Operation {
        public CreateIndex {
            elements = List.copyOf(elements);
            options = options == null ? "" : options;
        }

        /** Column names of plain elements, expression text of the others. */
        public List<String> columns() {
            return elements.stream().map(IndexElement::key).toList();
        }
    }

    record DropIndex(List<TableRef> indexes, boolean concurrently, boolean ifExists, boolean cascade) implements Operation {}

    /** @param target INDEX, TABLE, SCHEMA, DATABASE or SYSTEM */
    record Reindex(String target, TableRef name, boolean concurrently) implements Operation {}

    record DropTable(List<TableRef> tables, boolean ifExists, boolean cascade) implements Operation {
        @Override
        public TableRef table() {
            return tables.isEmpty() ? null : tables.get(0);
        }
    }

    record Truncate(List<TableRef> tables, boolean cascade) implements Operation {
        @Override
        public TableRef table() {
            return tables.isEmpty() ? null : tables.get(0);
        }
    }

    /**
     * @param mode the requested mode; ACCESS EXCLUSIVE when the statement names none
     * @param only the tables written with ONLY (their partitions and children are not locked)
     */
    record LockTable(List<TableRef> tables, LockMode mode, boolean nowait, List<TableRef> only) implements Operation {
        public LockTable(List<TableRef> tables, LockMode mode, boolean nowait) {
            this(tables, mode, nowait, List.of());
        }

        @Override
        public TableRef table() {
            return tables.isEmpty() ? null : tables.get(0);
        }
    }

    /** {@code SET [LOCAL|SESSION] name = value}, {@code RESET name}, {@code set_config(...)}: value null for RESET. */
    record SetSetting(String name, String value, boolean local) implements Operation {}

    record Transaction(TransactionKind kind) implements Operation {}

    enum TransactionKind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE }

    /**
     * Data statements. {@code hasWhere} tells whether an UPDATE/DELETE is bounded by a WHERE clause;
     * {@code table} is null for a SELECT without a single target; {@code setColumns} are the columns an UPDATE's SET
     * assigns (normalised names), null when not known or not an UPDATE.
     */
    record Dml(DmlKind kind, TableRef table, boolean hasWhere, List<String> setColumns) implements Operation {
        public Dml(DmlKind kind, TableRef table, boolean hasWhere) {
            this(kind, table, hasWhere, null);
        }
    }

    enum DmlKind { INSERT, UPDATE, DELETE, SELECT, COPY, MERGE }

    record Vacuum(List<TableRef> tables, boolean full, boolean analyzeOnly) implements Operation {
        @Override
        public TableRef table() {
            return tables.isEmpty() ? null : tables.get(0);
        }
    }

    /** {@code table} null for a bare CLUSTER. */
    record Cluster(TableRef table, String index) implements Operation {}

    /**
     * ALTER TABLE sub-commands that change storage or table-level properties:
     * SET LOGGED/UNLOGGED, SET TABLESPACE, SET ACCESS METHOD, SET (params), RESET (params),
     * ENABLE/DISABLE TRIGGER|RULE|ROW LEVEL SECURITY, REPLICA IDENTITY, OWNER TO, INHERIT, CLUSTER ON,
     * SET STATISTICS, SET STORAGE, SET COMPRESSION, ADD/DROP/SET IDENTITY, SET/DROP EXPRESSION, OF / NOT OF.
     *
     * @param action normalised upper-case sub-command keywords, e.g. {@code SET LOGGED}, {@code SET TABLESPACE}, {@code ENABLE TRIGGER}
     * @param column the column for column-level actions, the parent table for INHERIT / NO INHERIT, the new owner for
     *               OWNER TO, else null
     */
    record AlterTableStorage(TableRef table, String action, String column) implements Operation {}

    record AttachPartition(TableRef table, TableRef partition) implements Operation {}

    record DetachPartition(TableRef table, TableRef partition, boolean concurrently, boolean finalizeDetach) implements Operation {}

    record CreateEnum(TableRef type, List<String> values) implements Operation {}

    record AlterEnumAddValue(TableRef type, String value, boolean ifNotExists) implements Operation {}

    record CreateExtension(String name, boolean ifNotExists) implements Operation {}

    record RefreshMaterializedView(TableRef table, boolean concurrently, boolean withNoData) implements Operation {}

    record CreateDomain(TableRef domain, String baseType, boolean hasCheck) implements Operation {}

    record AlterDomainAddConstraint(TableRef domain, String constraintName, boolean notValid) implements Operation {}

    record CreateTrigger(String name, TableRef table, boolean orReplace) implements Operation {}

    record DropTrigger(String name, TableRef table, boolean ifExists) implements Operation {}

    record DropSchema(List<String> schemas, boolean ifExists, boolean cascade) implements Operation {}

    record DropDatabase(String database, boolean ifExists) implements Operation {}

    /**
     * {@code DROP OWNED BY role [, …]}: drops every object the roles own in the current database (and revokes their
     * privileges); {@code roles} as written, lower-cased unless quoted ({@code current_user} stays a keyword).
     */
    record DropOwned(List<String> roles, boolean cascade) implements Operation {}

    /**
     * {@code ALTER TABLE|VIEW|SEQUENCE|TYPE|FUNCTION|… name SET SCHEMA s}: the object moves, so its old qualified name
     * stops working.
     *
     * @param objectType TABLE, VIEW, MATERIALIZED VIEW, SEQUENCE, FOREIGN TABLE, TYPE, FUNCTION, …
     */
    record SetSchema(String objectType, TableRef object, String newSchema) implements Operation {
        private static final java.util.Set<String> RELATIONS = java.util.Set.of("TABLE", "VIEW", "MATERIALIZED VIEW",
                "SEQUENCE", "FOREIGN TABLE");

        /** The object itself when it is a relation (it is locked), else null. */
        @Override
        public TableRef table() {
            return RELATIONS.contains(objectType) ? object : null;
        }
    }

    /**
     * {@code DO $$ … $$}. {@code body} holds the statements the block runs (migration-time PL/pgSQL), each with its
     * position in the file, so rules lint them like top-level statements: its static SQL, the SQL of
     * {@code EXECUTE 'literal'}, and for SQL built at run time an {@link Unrecognized} statement. A nested DO is one
     * of them, with its own body.
     */
    record DoBlock(String language, List<NestedStatement> body) implements Operation {
        /** The statements of this block and of the blocks nested in it, at every depth, in the order they run. */
        public List<NestedStatement> allStatements() {
            List<NestedStatement> all = new java.util.ArrayList<>();
            for (NestedStatement n : body) {
                all.add(n);
                for (Operation op : n.operations()) if (op instanceof DoBlock inner) all.addAll(inner.allStatements());
            }
            return all;
        }
    }

    /**
     * Statements understood well enough to need no rule of their own: CREATE/ALTER/DROP of views, functions,
     * sequences, schemas, roles, policies, comments, grants, ANALYZE… {@code table} is the table it touches, if any.
     *
     * @param verb   CREATE, ALTER, DROP, COMMENT, GRANT, REVOKE, ANALYZE, …
     * @param objectType TABLE, VIEW, MATERIALIZED VIEW, FUNCTION, SEQUENCE, SCHEMA, ROLE, POLICY, TYPE, …
     * @param cascade {@code DROP … CASCADE}: the objects that depend on it are dropped too
     */
    record ObjectChange(String verb, String objectType, String name, TableRef table, boolean cascade) implements Operation {
        public ObjectChange(String verb, String objectType, String name, TableRef table) {
            this(verb, objectType, name, table, false);
        }
    }

    /** A statement the analyzer could not understand: always reported, never treated as safe. */
    record Unrecognized(String reason) implements Operation {}
}
