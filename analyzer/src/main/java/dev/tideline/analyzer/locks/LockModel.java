package dev.tideline.analyzer.locks;

import static dev.tideline.analyzer.model.LockMode.ACCESS_EXCLUSIVE;
import static dev.tideline.analyzer.model.LockMode.ACCESS_SHARE;
import static dev.tideline.analyzer.model.LockMode.EXCLUSIVE;
import static dev.tideline.analyzer.model.LockMode.ROW_EXCLUSIVE;
import static dev.tideline.analyzer.model.LockMode.ROW_SHARE;
import static dev.tideline.analyzer.model.LockMode.SHARE;
import static dev.tideline.analyzer.model.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.tideline.analyzer.model.LockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.LockEffect;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.Operation.*;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.model.Volatility;
import dev.tideline.analyzer.schema.ColumnModel;
import dev.tideline.analyzer.schema.IndexModel;
import dev.tideline.analyzer.schema.SchemaView;
import dev.tideline.analyzer.schema.TableModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The locks, rewrites and scans each operation causes on a given PostgreSQL version. Sources: tablecmds.c
 * AlterTableGetLockLevel, indexcmds.c, trigger.c and the documentation; every claim here is checked against real
 * servers by the conformance suite (trace module tests, dev.tideline.trace.conformance).
 *
 * <p>Each operation kind has its own rule in {@link #RULES}; the class refuses to load if a kind is missing, so a new
 * {@link Operation} record cannot silently fall through to "no lock".
 */
public final class LockModel {
    private interface Rule<T extends Operation> {
        Effect apply(T op, SchemaView schema, PgVersion v);
    }

    /** A rule that also depends on whether the session TimeZone is UTC ({@link SessionTimeZone}). */
    private interface SessionRule<T extends Operation> {
        Effect apply(T op, SchemaView schema, PgVersion v, boolean utc);
    }

    private static final Map<Class<?>, SessionRule<?>> RULES = new HashMap<>();

    private static <T extends Operation> void rule(Class<T> kind, Rule<T> rule) {
        RULES.put(kind, (SessionRule<T>) (op, s, v, utc) -> rule.apply(op, s, v));
    }

    private static <T extends Operation> void sessionRule(Class<T> kind, SessionRule<T> rule) {
        RULES.put(kind, rule);
    }

    static {
        rule(CreateTable.class, LockModel::createTable);
        rule(AddColumn.class, LockModel::addColumn);
        rule(DropColumn.class, (op, s, v) -> on(op.table(), ACCESS_EXCLUSIVE)
                .note("catalog-only: the column is marked dropped; dependent indexes and constraints go with it"));
        sessionRule(AlterColumnType.class, LockModel::alterColumnType);
        rule(SetNotNull.class, LockModel::setNotNull);
        rule(DropNotNull.class, (op, s, v) -> on(op.table(), ACCESS_EXCLUSIVE));
        rule(SetDefault.class, (op, s, v) -> on(op.table(), ACCESS_EXCLUSIVE).note("catalog-only: affects new rows only"));
        rule(DropDefault.class, (op, s, v) -> on(op.table(), ACCESS_EXCLUSIVE));
        rule(AddConstraint.class, (op, s, v) -> addConstraint(op.table(), op.constraint(), s));
        rule(ValidateConstraint.class, LockModel::validateConstraint);
        rule(DropConstraint.class, LockModel::dropConstraint);
        rule(RenameColumn.class, (op, s, v) -> on(op.table(), ACCESS_EXCLUSIVE));
        rule(RenameTable.class, (op, s, v) -> on(op.table(), ACCESS_EXCLUSIVE));
        rule(RenameConstraint.class, (op, s, v) -> on(op.table(), ACCESS_EXCLUSIVE));
        rule(RenameIndex.class, (op, s, v) -> on(op.index(), SHARE_UPDATE_EXCLUSIVE)
                .note("ALTER INDEX … RENAME locks only the index (SHARE UPDATE EXCLUSIVE since PostgreSQL 12)"));
        rule(CreateIndex.class, LockModel::createIndex);
        rule(DropIndex.class, LockModel::dropIndex);
        rule(Reindex.class, LockModel::reindex);
        rule(DropTable.class, LockModel::dropTable);
        rule(Truncate.class, (op, s, v) -> onEach(op.tables(), ACCESS_EXCLUSIVE)
                .note("TRUNCATE swaps in new empty files (no scan); not MVCC-safe for concurrent snapshots"));
        rule(LockTable.class, (op, s, v) -> onEach(op.tables(), op.mode()));
        rule(SetSetting.class, (op, s, v) -> new Effect());
        rule(Transaction.class, (op, s, v) -> new Effect());
        rule(Dml.class, LockModel::dml);
        rule(Vacuum.class, LockModel::vacuum);
        rule(Cluster.class, LockModel::cluster);
        rule(AlterTableStorage.class, LockModel::alterTableStorage);
        rule(AttachPartition.class, LockModel::attachPartition);
        rule(DetachPartition.class, LockModel::detachPartition);
        rule(CreateEnum.class, (op, s, v) -> new Effect());
        rule(AlterEnumAddValue.class, (op, s, v) -> new Effect()
                .note("no table lock; the new value cannot be used until the transaction commits"));
        rule(CreateExtension.class, (op, s, v) -> new Effect()
                .note("the extension's install script may take locks of its own"));
        rule(RefreshMaterializedView.class, (op, s, v) -> op.concurrently()
                ? on(op.table(), EXCLUSIVE).scan().note("reads stay possible; needs a unique index on the view")
                : on(op.table(), ACCESS_EXCLUSIVE).rewrite().note("the view is rebuilt into new files; reads of it wait"));
        rule(CreateDomain.class, (op, s, v) -> new Effect());
        rule(AlterDomainAddConstraint.class, LockModel::alterDomainAddConstraint);
        rule(CreateTrigger.class, (op, s, v) -> on(op.table(), SHARE_ROW_EXCLUSIVE));
        rule(DropTrigger.class, (op, s, v) -> on(op.table(), ACCESS_EXCLUSIVE));
        rule(DropSchema.class, LockModel::dropSchema);
        rule(DropDatabase.class, (op, s, v) -> new Effect().nonTransactional()
                .note("DROP DATABASE cannot run inside a transaction block"));
        rule(DropOwned.class, LockModel::dropOwned);
        rule(SetSchema.class, (op, s, v) -> op.table() != null ? on(op.table(), ACCESS_EXCLUSIVE)
                : new Effect().note("moving a " + op.objectType().toLowerCase(java.util.Locale.ROOT)
                + " takes no table lock"));
        sessionRule(DoBlock.class, LockModel::doBlock);
        rule(ObjectChange.class, LockModel::objectChange);
        rule(Unrecognized.class, (op, s, v) -> new Effect()
                .note("statement not understood: its locks are unknown (not assumed safe)"));
        for (Class<?> kind : Operation.class.getPermittedSubclasses()) {
            if (!RULES.containsKey(kind)) throw new ExceptionInInitializerError("no lock rule for " + kind.getSimpleName());
        }
    }

    private LockModel() {}

    /** The effect of {@code op} on version {@code v}, given the schema just before the statement. */
    public static LockEffect effect(Operation op, SchemaView before, PgVersion v) {
        return effect(op, before, v, false);
    }

    /**
     * The same, knowing whether the session's TimeZone is UTC ({@link SessionTimeZone}): the one setting that changes a
     * statement's locking work (timestamp ↔ timestamptz).
     */
    @SuppressWarnings("unchecked")
    public static LockEffect effect(Operation op, SchemaView before, PgVersion v, boolean utc) {
        SessionRule<Operation> rule = (SessionRule<Operation>) RULES.get(op.getClass());
        Effect effect = rule.apply(op, before, v, utc);
        if (RECURSES.contains(op.getClass())) reachPartitions(effect, op, before);
        return effect.build();
    }

    /**
     * Statements whose work on a partitioned table is done again on every partition, under the same lock mode
     * (checked on 12 to 18 by the conformance suite): the partitions are locked (and rewritten) like their parent.
     */
    private static final Set<Class<?>> RECURSES = Set.of(AddColumn.class, DropColumn.class, AlterColumnType.class,
            SetNotNull.class, DropNotNull.class, AddConstraint.class, ValidateConstraint.class, Truncate.class,
            DropTable.class, LockTable.class, Vacuum.class, CreateIndex.class);

    private static void reachPartitions(Effect e, Operation op, SchemaView s) {
        if (op instanceof CreateIndex ci && ci.only()) return;
        if (op instanceof AddConstraint ac && ac.constraint().kind() == ConstraintDef.Kind.FOREIGN_KEY) return;
        List<TableRef> skip = op instanceof LockTable lt ? lt.only() : List.of();
        for (TableLock l : e.locks()) {
            if (l.referenced() || skip.stream().anyMatch(l.table()::sameAs)) continue;
            for (TableModel t : s.tables()) {
                if (t.partitionOf() != null && t.partitionOf().sameAs(l.table())) e.lock(t.ref(), l.mode(), false);
            }
        }
    }

    // ---- rules ------------------------------------------------------------------------------------------------

    private static Effect createTable(CreateTable op, SchemaView s, PgVersion v) {
        Effect e = on(op.table(), ACCESS_EXCLUSIVE);
        if (op.partitionOf() != null) {
            e.lock(op.partitionOf(), ACCESS_EXCLUSIVE, false)
                    .note("creating a partition locks the parent ACCESS EXCLUSIVE");
            if (!op.defaultPartition()) defaultPartitionScan(e, op.partitionOf(), s);
        }
        for (ConstraintDef c : op.constraints()) referencedLock(e, op.table(), c, SHARE_ROW_EXCLUSIVE);
        for (ColumnDef col : op.columns()) {
            for (ConstraintDef c : col.inlineConstraints()) referencedLock(e, op.table(), c, SHARE_ROW_EXCLUSIVE);
        }
        if (op.asSelect()) e.scan().note("CREATE TABLE … AS reads its source tables (ACCESS SHARE) in full");
        return e;
    }

    /** A new partition's rows must not already sit in the DEFAULT partition: that is checked under ACCESS EXCLUSIVE. */
    private static void defaultPartitionScan(Effect e, TableRef parent, SchemaView s) {
        for (TableModel t : s.tables()) {
            if (t.defaultPartitionOf() != null && t.defaultPartitionOf().sameAs(parent)) {
                e.lock(t.ref(), ACCESS_EXCLUSIVE, false).scan()
                        .note("the DEFAULT partition " + t.ref() + " is locked ACCESS EXCLUSIVE and scanned for rows of the new partition");
            }
        }
    }

    private static void referencedLock(Effect e, TableRef table, ConstraintDef c, LockMode mode) {
        if (c.kind() == ConstraintDef.Kind.FOREIGN_KEY && c.referencedTable() != null && !c.referencedTable().sameAs(table)) {
            e.lock(c.referencedTable(), mode, true);
        }
    }

    private static Effect addColumn(AddColumn op, SchemaView s, PgVersion v) {
        ColumnDef c = op.column();
        Effect e = on(op.table(), ACCESS_EXCLUSIVE);
        if (c.generated() == ColumnDef.Generated.IDENTITY) {
            e.rewrite().note("identity column: every row gets a sequence value, so the table is rewritten");
        } else if (c.generated() == ColumnDef.Generated.STORED) {
            e.rewrite().note("stored generated column: computed for every row, so the table is rewritten");
        } else if (c.isSerial()) {
            e.rewrite().note("serial column: nextval() default is volatile, so the table is rewritten");
        } else if (c.hasDefault() && c.defaultVolatility() == Volatility.VOLATILE) {
            e.rewrite().note("volatile default (" + c.defaultExpr() + "): evaluated per row, so the table is rewritten");
        } else if (c.hasDefault()) {
            e.note("non-volatile default: stored once in the catalog, no rewrite (PostgreSQL 11+)");
        }
        if (c.notNull() && !c.hasDefault() && c.generated() == ColumnDef.Generated.NONE && !c.isSerial()) {
            e.scan().note("NOT NULL without a default: fails unless the table is empty");
        }
        for (ConstraintDef inline : c.inlineConstraints()) {
            switch (inline.kind()) {
                case FOREIGN_KEY -> {
                    e.lock(op.table(), SHARE_ROW_EXCLUSIVE, false);
                    referencedLock(e, op.table(), inline, SHARE_ROW_EXCLUSIVE);
                    if (c.hasDefault() || c.generated() != ColumnDef.Generated.NONE) e.scan();
                }
                case CHECK -> e.scan();
                case UNIQUE, PRIMARY_KEY, EXCLUDE -> e.scan().note("builds an index under ACCESS EXCLUSIVE");
                case NOT_NULL -> { }
            }
        }
        return e;
    }

    private static Effect alterColumnType(AlterColumnType op, SchemaView s, PgVersion v, boolean utc) {
        String oldType = column(s, op.table(), op.column()).map(ColumnModel::type).orElse(null);
        // USING the column itself is the default conversion
        boolean plainUsing = op.using() != null
                && op.using().replace("\"", "").strip().equalsIgnoreCase(op.column().replace("\"", ""));
        TypeChange.Verdict verdict = TypeChange.verdict(oldType, op.newType(), plainUsing ? null : op.using(), v, utc);
        Effect e = on(op.table(), ACCESS_EXCLUSIVE).note(verdict.note());
        if (verdict.rewrite()) e.rewrite();
        foreignKeysOn(s, op.table(), op.column(), e);
        return e;
    }

    private static final Pattern IS_NOT_NULL = Pattern.compile("^\\(*\\s*\"?([A-Za-z0-9_$]+)\"?\\s+is\\s+not\\s+null\\s*\\)*$",
            Pattern.CASE_INSENSITIVE);

    private static Effect setNotNull(SetNotNull op, SchemaView s, PgVersion v) {
        Effect e = on(op.table(), ACCESS_EXCLUSIVE);
        Optional<ColumnModel> col = column(s, op.table(), op.column());
        if (col.isPresent() && col.get().notNull()) return e.note("column is already NOT NULL: no scan");
        boolean proven = s.table(op.table()).map(t -> t.constraints().stream().anyMatch(c -> !c.notValid()
                && provesNotNull(c, op.column()))).orElse(false);
        if (proven) return e.note("a validated CHECK (" + op.column() + " IS NOT NULL) proves the column: no scan (PostgreSQL 12+)");
        return e.scan().note("scans the whole table under ACCESS EXCLUSIVE to prove no NULLs; "
                + "add CHECK (" + op.column() + " IS NOT NULL) NOT VALID and VALIDATE it first to skip the scan");
    }

    private static boolean provesNotNull(ConstraintDef c, String column) {
        if (c.kind() == ConstraintDef.Kind.NOT_NULL) return c.columns().contains(column);
        if (c.kind() != ConstraintDef.Kind.CHECK || c.expression() == null) return false;
        var m = IS_NOT_NULL.matcher(c.expression().trim());
        return m.matches() && m.group(1).equalsIgnoreCase(column);
    }

    private static Effect addConstraint(TableRef table, ConstraintDef c, SchemaView s) {
        switch (c.kind()) {
            case FOREIGN_KEY: {
                Effect e = on(table, SHARE_ROW_EXCLUSIVE);
                referencedLock(e, table, c, SHARE_ROW_EXCLUSIVE);
                return c.notValid() ? e.note("NOT VALID: existing rows are not checked")
                        : e.scan().note("validates every existing row while writes to both tables are blocked");
            }
            case CHECK:
            case NOT_NULL: {
                Effect e = on(table, ACCESS_EXCLUSIVE);
                return c.notValid() ? e.note("NOT VALID: existing rows are not checked")
                        : e.scan().note("validates every existing row under ACCESS EXCLUSIVE");
            }
            case UNIQUE:
            case PRIMARY_KEY: {
                Effect e = on(table, ACCESS_EXCLUSIVE);
                if (c.usingIndex() == null) return e.scan().note("builds the index under ACCESS EXCLUSIVE");
                List<String> columns = c.columns().isEmpty()
                        ? s.index(new TableRef(table.schema(), c.usingIndex())).map(IndexModel::columns).orElse(List.of())
                        : c.columns();
                if (c.kind() == ConstraintDef.Kind.PRIMARY_KEY && !allNotNull(s, table, columns)) {
                    return e.scan().note("PRIMARY KEY USING INDEX on columns not known to be NOT NULL scans to prove them");
                }
                return e.note("USING INDEX: adopts the existing index, catalog-only");
            }
            case EXCLUDE:
                return on(table, ACCESS_EXCLUSIVE).scan().note("builds the exclusion index under ACCESS EXCLUSIVE");
            default:
                throw new IllegalStateException(c.kind().toString());
        }
    }

    private static boolean allNotNull(SchemaView s, TableRef table, List<String> columns) {
        if (columns.isEmpty()) return false;
        for (String c : columns) {
            if (!column(s, table, c).map(ColumnModel::notNull).orElse(false)) return false;
        }
        return true;
    }

    private static Effect validateConstraint(ValidateConstraint op, SchemaView s, PgVersion v) {
        Effect e = on(op.table(), SHARE_UPDATE_EXCLUSIVE).scan();
        Optional<ConstraintDef> c = constraint(s, op.table(), op.name());
        if (c.isEmpty()) return e.note("constraint not in the replayed schema: if it is a foreign key, the referenced table is also locked ROW SHARE");
        if (c.get().kind() == ConstraintDef.Kind.FOREIGN_KEY) referencedLock(e, op.table(), c.get(), ROW_SHARE);
        return e.note("validates existing rows without blocking reads or writes");
    }

    private static Effect dropConstraint(DropConstraint op, SchemaView s, PgVersion v) {
        Effect e = on(op.table(), ACCESS_EXCLUSIVE);
        constraint(s, op.table(), op.name()).ifPresent(c -> referencedLock(e, op.table(), c, ACCESS_EXCLUSIVE));
        if (op.cascade()) Cascade.dropConstraint(op, s, e);
        return e;
    }

    private static Effect createIndex(CreateIndex op, SchemaView s, PgVersion v) {
        if (op.concurrently()) {
            return on(op.table(), SHARE_UPDATE_EXCLUSIVE).scan().nonTransactional()
                    .note("CONCURRENTLY: two scans, reads and writes continue; cannot run in a transaction block");
        }
        if (op.only() && s.table(op.table()).map(TableModel::partitioned).orElse(false)) {
            return on(op.table(), SHARE).note("ON ONLY a partitioned table: an invalid index with nothing to build; "
                    + "each partition's index is attached to it later");
        }
        return on(op.table(), SHARE).scan().note("SHARE lock: writes wait for the whole index build");
    }

    private static Effect dropIndex(DropIndex op, SchemaView s, PgVersion v) {
        Effect e = new Effect();
        LockMode mode = op.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
        for (TableRef index : op.indexes()) {
            Optional<IndexModel> known = s.index(index);
            if (known.isPresent()) e.lock(known.get().table(), mode, false);
            else e.lock(index, mode, false).note("index " + index + " not in the replayed schema: its table is unknown");
        }
        if (op.concurrently()) e.nonTransactional().note("CONCURRENTLY: cannot run in a transaction block");
        return e;
    }

    private static Effect reindex(Reindex op, SchemaView s, PgVersion v) {
        Effect e = new Effect().scan();
        LockMode tableMode = op.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE;
        switch (op.target()) {
            case "INDEX" -> {
                Optional<IndexModel> known = s.index(op.name());
                if (known.isPresent()) e.lock(known.get().table(), tableMode, false);
                else e.note("index " + op.name() + " not in the replayed schema: its table is unknown");
                e.lock(op.name(), op.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE, false);
            }
            case "TABLE" -> e.lock(op.name(), tableMode, false);
            default -> e.nonTransactional().note("REINDEX " + op.target() + " locks every table it covers in turn "
                    + "and cannot run in a transaction block");
        }
        if (op.concurrently()) e.nonTransactional().note("CONCURRENTLY: the old index is dropped at the end, after waiting for "
                + "every transaction using it, under a brief ACCESS EXCLUSIVE lock on that index (seen on 12 and 15)");
        if (!op.concurrently()) e.note("non-concurrent REINDEX blocks writes and, through the index's ACCESS EXCLUSIVE lock, "
                + "nearly every query that would plan with it");
        return e;
    }

    private static Effect dropTable(DropTable op, SchemaView s, PgVersion v) {
        Effect e = onEach(op.tables(), ACCESS_EXCLUSIVE);
        for (TableRef t : op.tables()) {
            s.table(t).ifPresent(model -> {
                for (ConstraintDef c : model.constraints()) {
                    boolean alsoDropped = c.referencedTable() != null && op.tables().stream().anyMatch(c.referencedTable()::sameAs);
                    if (!alsoDropped) referencedLock(e, t, c, ACCESS_EXCLUSIVE);
                }
            });
        }
        return e.note("destructive; a table with foreign keys also locks the tables it references ACCESS EXCLUSIVE");
    }

    /** The tables the roles own (as far as migrations set owners) go as with DROP TABLE. */
    private static Effect dropOwned(DropOwned op, SchemaView s, PgVersion v) {
        List<TableRef> owned = s.tables().stream().map(TableModel::ref)
                .filter(t -> s.owner(t).map(op.roles()::contains).orElse(false)).toList();
        Effect e = owned.isEmpty() ? new Effect() : dropTable(new DropTable(owned, false, op.cascade()), s, v);
        return e.note("drops every object these roles own in this database, with its data; tables are known to be "
                + "theirs only through ALTER TABLE … OWNER TO in the migrations");
    }

    private static Effect dml(Dml op, SchemaView s, PgVersion v) {
        if (op.table() == null) return new Effect().note("data statement: touched tables not modelled");
        boolean write = op.kind() != DmlKind.SELECT;
        Effect e = on(op.table(), write ? ROW_EXCLUSIVE : ACCESS_SHARE);
        if ((op.kind() == DmlKind.UPDATE || op.kind() == DmlKind.DELETE) && !op.hasWhere()) e.scan();
        if (op.kind() == DmlKind.MERGE) e.scan().note("MERGE joins its source with the whole target table");
        if (op.kind() == DmlKind.INSERT || op.kind() == DmlKind.UPDATE || op.kind() == DmlKind.COPY || op.kind() == DmlKind.MERGE) {
            // foreign-key triggers check each new row with SELECT … FOR KEY SHARE on the referenced table; an UPDATE's
            // row is checked only when it changes the key's columns (RI_FKey_check_upd), so one that assigns none of
            // them never reaches the referenced table
            s.table(op.table()).ifPresent(t -> t.constraints().stream().filter(c -> mayChangeKey(op, c))
                    .forEach(c -> referencedLock(e, op.table(), c, ROW_SHARE)));
        }
        if (op.kind() == DmlKind.COPY) e.note("COPY assumed to load data (COPY … FROM)");
        return e;
    }

    /** False only for an UPDATE whose assigned columns are known and include none of the constraint's columns. */
    private static boolean mayChangeKey(Dml op, ConstraintDef c) {
        if (op.kind() != DmlKind.UPDATE || op.setColumns() == null || c.columns() == null || c.columns().isEmpty()) return true;
        return c.columns().stream().anyMatch(op.setColumns()::contains);
    }

    private static Effect vacuum(Vacuum op, SchemaView s, PgVersion v) {
        if (op.analyzeOnly()) {
            // a random sample of 300 × statistics target rows, not a full scan
            Effect e = onEach(op.tables(), SHARE_UPDATE_EXCLUSIVE).note("ANALYZE reads a random sample of rows");
            return op.tables().isEmpty() ? e.note("ANALYZE of every table, one at a time") : e;
        }
        Effect e = onEach(op.tables(), op.full() ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE).scan().nonTransactional();
        if (op.full()) e.rewrite().note("VACUUM FULL rewrites the table under ACCESS EXCLUSIVE");
        if (op.tables().isEmpty()) e.note("VACUUM of every table in the database, one at a time");
        return e.note("VACUUM cannot run in a transaction block");
    }

    private static Effect cluster(Cluster op, SchemaView s, PgVersion v) {
        if (op.table() == null) {
            return new Effect().rewrite().scan().nonTransactional()
                    .note("bare CLUSTER re-clusters every previously clustered table; cannot run in a transaction block");
        }
        Effect e = on(op.table(), ACCESS_EXCLUSIVE).rewrite().scan().note("CLUSTER rewrites the table in index order");
        if (s.table(op.table()).map(TableModel::partitioned).orElse(false)) {
            e.nonTransactional().note("CLUSTER of a partitioned table cannot run in a transaction block");
        }
        return e;
    }

    private static Effect alterTableStorage(AlterTableStorage op, SchemaView s, PgVersion v) {
        String a = op.action() == null ? "" : op.action();
        if (a.startsWith("SET LOGGED") || a.startsWith("SET UNLOGGED")) {
            return on(op.table(), ACCESS_EXCLUSIVE).rewrite().scan().note(a + " rewrites the table");
        }
        if (a.startsWith("SET TABLESPACE")) {
            // a block-by-block file copy: new files like a rewrite, but no tuple scan (checked on 15 and 18)
            return on(op.table(), ACCESS_EXCLUSIVE).copy().note("SET TABLESPACE copies the table's files block by block "
                    + "under ACCESS EXCLUSIVE: time grows with the table's size");
        }
        if (a.equals("SET ACCESS METHOD HEAP") && s.table(op.table()).isPresent()) {
            return on(op.table(), ACCESS_EXCLUSIVE)
                    .note("the table was created by these migrations with the default access method heap: nothing to rewrite");
        }
        if (a.startsWith("SET ACCESS METHOD")) {
            Effect e = on(op.table(), ACCESS_EXCLUSIVE).rewrite().scan().note("SET ACCESS METHOD rewrites the table");
            return v.atLeast(15) ? e : e.note("SET ACCESS METHOD needs PostgreSQL 15+");
        }
        if (a.startsWith("SET EXPRESSION")) {
            return on(op.table(), ACCESS_EXCLUSIVE).rewrite().scan().note("SET EXPRESSION recomputes the stored column (PostgreSQL 17+)");
        }
        if (a.startsWith("ENABLE TRIGGER") || a.startsWith("DISABLE TRIGGER") || a.startsWith("ENABLE ALWAYS TRIGGER")
                || a.startsWith("ENABLE REPLICA TRIGGER") || a.startsWith("ENABLE RULE") || a.startsWith("DISABLE RULE")
                || a.startsWith("ENABLE ALWAYS RULE") || a.startsWith("ENABLE REPLICA RULE")) {
            return on(op.table(), SHARE_ROW_EXCLUSIVE);
        }
        if (a.startsWith("SET STATISTICS") || a.startsWith("CLUSTER ON") || a.startsWith("SET WITHOUT CLUSTER")) {
            return on(op.table(), SHARE_UPDATE_EXCLUSIVE);
        }
        if (a.equals("SET ATTRIBUTE OPTIONS") || a.equals("RESET ATTRIBUTE OPTIONS")) {
            return on(op.table(), SHARE_UPDATE_EXCLUSIVE).note("column options (n_distinct…)");
        }
        if (a.equals("ALTER CONSTRAINT")) {
            // tablecmds.c asks for SHARE ROW EXCLUSIVE, but changing a foreign key's triggers takes ACCESS EXCLUSIVE
            // (seen on 12, 15 and 18)
            return on(op.table(), ACCESS_EXCLUSIVE).note("changes constraint deferrability");
        }
        if (a.equals("INHERIT") || a.equals("NO INHERIT")) {
            Effect e = on(op.table(), ACCESS_EXCLUSIVE);
            LockMode parentMode = a.equals("INHERIT") ? SHARE_UPDATE_EXCLUSIVE : ACCESS_SHARE;
            if (op.column() != null) e.lock(parent(op.column()), parentMode, false);
            return e.note(a + " also locks the parent table " + parentMode.sql());
        }
        if (a.equals("SET") || a.equals("RESET") || a.startsWith("SET (") || a.startsWith("RESET (")) {
            return on(op.table(), SHARE_UPDATE_EXCLUSIVE)
                    .note("planner/autovacuum storage parameters take SHARE UPDATE EXCLUSIVE; a few others take ACCESS EXCLUSIVE");
        }
        // ENABLE/DISABLE/FORCE ROW LEVEL SECURITY, REPLICA IDENTITY, OWNER TO, INHERIT, SET STORAGE,
        // SET COMPRESSION, ADD/DROP/SET IDENTITY, DROP EXPRESSION, OF / NOT OF, and anything unlisted
        Effect e = on(op.table(), ACCESS_EXCLUSIVE);
        return KNOWN_ACCESS_EXCLUSIVE.matcher(a).lookingAt() ? e
                : e.note("ALTER TABLE … " + a + ": lock level not modelled, assuming ACCESS EXCLUSIVE");
    }

    private static final Pattern KNOWN_ACCESS_EXCLUSIVE = Pattern.compile(
            "(ENABLE|DISABLE|FORCE|NO FORCE) ROW LEVEL SECURITY|REPLICA IDENTITY|OWNER TO|INHERIT|NO INHERIT"
                    + "|SET STORAGE|SET COMPRESSION|ADD GENERATED|ADD IDENTITY|DROP IDENTITY|SET IDENTITY|SET GENERATED|SET INCREMENT"
                    + "|SET START|RESTART|DROP EXPRESSION|OF|NOT OF|SET WITH OIDS|SET WITHOUT OIDS");

    private static Effect attachPartition(AttachPartition op, SchemaView s, PgVersion v) {
        Effect e = on(op.table(), SHARE_UPDATE_EXCLUSIVE).lock(op.partition(), ACCESS_EXCLUSIVE, false).scan()
                .note("scans the new partition unless a valid CHECK constraint implies the partition bound");
        defaultPartitionScan(e, op.table(), s);
        return e;
    }

    private static Effect detachPartition(DetachPartition op, SchemaView s, PgVersion v) {
        if (!op.concurrently() && !op.finalizeDetach()) {
            // PostgreSQL 12 and 13 lock the partition itself SHARE UPDATE EXCLUSIVE only (14 made it ACCESS EXCLUSIVE)
            return on(op.table(), ACCESS_EXCLUSIVE).lock(op.partition(), v.atLeast(14) ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE, false);
        }
        Effect e = on(op.table(), SHARE_UPDATE_EXCLUSIVE);
        if (op.concurrently()) {
            // the second transaction, after the wait, takes the partition ACCESS EXCLUSIVE (seen on 15 and 18)
            e.lock(op.partition(), ACCESS_EXCLUSIVE, false).nonTransactional()
                    .note("CONCURRENTLY: two transactions, waits for every transaction using the parent, then locks the "
                            + "partition ACCESS EXCLUSIVE to finish; cannot run in a transaction block");
            if (!v.atLeast(14)) e.note("DETACH PARTITION … CONCURRENTLY needs PostgreSQL 14+");
        } else {
            e.lock(op.partition(), SHARE_UPDATE_EXCLUSIVE, false).note("FINALIZE completes an interrupted concurrent detach");
        }
        return e;
    }

    private static Effect alterDomainAddConstraint(AlterDomainAddConstraint op, SchemaView s, PgVersion v) {
        Effect e = new Effect();
        if (op.notValid()) return e.note("NOT VALID: existing values are not checked");
        String domain = op.domain().name();
        for (TableModel t : s.tables()) {
            for (ColumnModel c : t.columns().values()) {
                if (c.type() != null && (c.type().equals(domain) || c.type().endsWith("." + domain))) {
                    e.lock(t.ref(), SHARE, false);
                }
            }
        }
        return e.scan().note("checks every column of this domain type, holding SHARE locks on their tables");
    }

    private static Effect dropSchema(DropSchema op, SchemaView s, PgVersion v) {
        Effect e = new Effect();
        for (TableModel t : s.tables()) {
            String schema = t.ref().schema() == null ? "public" : t.ref().schema();
            if (op.schemas().contains(schema)) e.lock(t.ref(), ACCESS_EXCLUSIVE, true);
        }
        return e.note("destructive: drops every object in the schema");
    }

    private static Effect doBlock(DoBlock op, SchemaView s, PgVersion v, boolean utc) {
        Effect e = new Effect();
        if (op.body().isEmpty()) return e.note("DO block: no static SQL recognised, its effects are unknown");
        for (NestedStatement n : op.body()) {
            for (Operation inner : n.operations()) e.merge(effect(inner, s, v, utc));
        }
        return e.note("effects of the statements inside the DO block, combined");
    }

    private static Effect objectChange(ObjectChange op, SchemaView s, PgVersion v) {
        if (op.cascade()) {
            Effect e = op.table() == null ? new Effect() : on(op.table(), ACCESS_EXCLUSIVE);
            Cascade.dropObject(op, s, e);
            return e;
        }
        String type = op.objectType() == null ? "" : op.objectType();
        String verb = op.verb() == null ? "" : op.verb();
        if (op.table() == null) return new Effect();
        switch (verb) {
            case "COMMENT":
                return on(op.table(), SHARE_UPDATE_EXCLUSIVE);
            case "ANALYZE":
                return on(op.table(), SHARE_UPDATE_EXCLUSIVE).note("ANALYZE reads a random sample of rows");
            case "GRANT":
            case "REVOKE":
                return new Effect().note("privileges change in the catalog without a table lock");
            default:
                break;
        }
        switch (type) {
            case "POLICY":
            case "RULE":
                return on(op.table(), ACCESS_EXCLUSIVE);
            case "STATISTICS":
                return on(op.table(), SHARE_UPDATE_EXCLUSIVE);
            case "MATERIALIZED VIEW":
                if (verb.equals("CREATE")) return on(op.table(), ACCESS_EXCLUSIVE).scan()
                        .note("populating the view reads its source tables in full");
                return on(op.table(), ACCESS_EXCLUSIVE);
            case "VIEW":
            case "TABLE":
            case "FOREIGN TABLE":
            case "SEQUENCE":
                return on(op.table(), ACCESS_EXCLUSIVE);
            default:
                return on(op.table(), ACCESS_EXCLUSIVE).note(verb + " " + type + ": lock level not modelled, assuming ACCESS EXCLUSIVE");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static TableRef parent(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? TableRef.of(qualified) : new TableRef(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /**
     * Locks the other tables of the foreign keys a column takes part in: a type change drops and re-creates those
     * keys, which takes ACCESS EXCLUSIVE on the key's target (referencing column) or its owner (referenced column).
     */
    private static void foreignKeysOn(SchemaView s, TableRef table, String column, Effect e) {
        for (TableModel t : s.tables()) {
            for (ConstraintDef c : t.constraints()) {
                if (c.kind() != ConstraintDef.Kind.FOREIGN_KEY || c.referencedTable() == null) continue;
                if (t.ref().sameAs(table) && c.columns().contains(column) && !c.referencedTable().sameAs(table)) {
                    e.lock(c.referencedTable(), ACCESS_EXCLUSIVE, true);
                }
                if (c.referencedTable().sameAs(table) && Cascade.referencedColumns(s, c).contains(column) && !t.ref().sameAs(table)) {
                    e.lock(t.ref(), ACCESS_EXCLUSIVE, true);
                }
            }
        }
    }


    private static Optional<ColumnModel> column(SchemaView s, TableRef table, String column) {
        return s.table(table).map(t -> t.columns().get(column));
    }

    private static Optional<ConstraintDef> constraint(SchemaView s, TableRef table, String name) {
        return s.table(table).flatMap(t -> t.constraints().stream().filter(c -> name != null && name.equals(c.name())).findFirst());
    }

    private static Effect on(TableRef table, LockMode mode) {
        return new Effect().lock(table, mode, false);
    }

    private static Effect onEach(List<TableRef> tables, LockMode mode) {
        Effect e = new Effect();
        for (TableRef t : tables) e.lock(t, mode, false);
        return e;
    }
}
