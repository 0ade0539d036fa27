package dev.tideline.analyzer.schema;

import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Replays operations in migration order into a schema model. Call {@link #snapshot()} before each statement to get
 * the immutable view as it stood then; {@link #startUnit()} at the start of each file so {@code isNew} only covers
 * tables created in the same file.
 *
 * <p>Storage is versioned ({@link VersionedMap}): a snapshot is a version number, a change appends to the history
 * of the one key it touches, so replay time and memory grow linearly with the number of changes, however many tables
 * the schema holds.
 */
public final class SchemaReplay {
    private final Schema.Store store;
    /** Version that changes are written to; snapshots see the versions below it. */
    private int pending = 1;
    private int unit;
    private Schema last;

    public SchemaReplay() {
        this(new Schema.Store(), 0);
    }

    private SchemaReplay(Schema.Store store, int unit) {
        this.store = store;
        this.unit = unit;
    }

    /**
     * A replay that goes on from where this one stands, in a store of its own: this one, and every snapshot taken of
     * it, stays as it is (a cached replay is continued by many later analyses).
     */
    public SchemaReplay fork() {
        return new SchemaReplay(store.copyAt(pending), unit);
    }

    /** The schema after everything applied so far (the previous snapshot again when nothing changed since). */
    public SchemaView snapshot() {
        if (last != null && last.unit() == unit && last.writes == store.writes()) return last;
        last = new Schema(store, pending, unit);
        pending++;
        return last;
    }

    /** A new file begins: tables created before it are no longer "new". */
    public void startUnit() {
        unit++;
    }

    public void apply(Operation op) {
        if (op instanceof Operation.CreateTable t) createTable(t);
        else if (op instanceof Operation.AddColumn a) addColumn(a.table(), a.column(), a.ifNotExists());
        else if (op instanceof Operation.DropColumn d) dropColumn(d.table(), d.column());
        else if (op instanceof Operation.AlterColumnType a) updateColumn(a.table(), a.column(),
                c -> new ColumnModel(c.name(), normaliseType(a.newType()), c.notNull(), c.defaultExpr()));
        else if (op instanceof Operation.SetNotNull s) updateColumn(s.table(), s.column(),
                c -> new ColumnModel(c.name(), c.type(), true, c.defaultExpr()));
        else if (op instanceof Operation.DropNotNull s) updateColumn(s.table(), s.column(),
                c -> new ColumnModel(c.name(), c.type(), false, c.defaultExpr()));
        else if (op instanceof Operation.SetDefault s) updateColumn(s.table(), s.column(),
                c -> new ColumnModel(c.name(), c.type(), c.notNull(), s.expression()));
        else if (op instanceof Operation.DropDefault s) updateColumn(s.table(), s.column(),
                c -> new ColumnModel(c.name(), c.type(), c.notNull(), null));
        else if (op instanceof Operation.AddConstraint a) addConstraint(a.table(), a.constraint());
        else if (op instanceof Operation.ValidateConstraint v) validateConstraint(v.table(), v.name());
        else if (op instanceof Operation.DropConstraint d) dropConstraint(d.table(), d.name());
        else if (op instanceof Operation.RenameColumn r) renameColumn(r.table(), r.from(), r.to());
        else if (op instanceof Operation.RenameTable r) moveTable(r.table(), t -> new TableRef(t.schema(), r.newName()));
        else if (op instanceof Operation.SetSchema m && m.table() != null) moveTable(m.table(), t -> new TableRef(m.newSchema(), t.name()));
        else if (op instanceof Operation.AlterTableStorage a && "OWNER TO".equals(a.action()) && table(a.table()) != null) {
            store.owners.put(pending, Schema.key(a.table()), a.column());
        } else if (op instanceof Operation.DropOwned d) dropOwned(d.roles());
        else if (op instanceof Operation.RenameConstraint r) renameConstraint(r.table(), r.from(), r.to());
        else if (op instanceof Operation.RenameIndex r) renameIndex(r.index(), r.newName());
        else if (op instanceof Operation.CreateIndex c) createIndex(c);
        else if (op instanceof Operation.DropIndex d) d.indexes().forEach(this::dropIndex);
        else if (op instanceof Operation.DropTable d) d.tables().forEach(this::dropTable);
        else if (op instanceof Operation.CreateEnum e) store.enums.put(pending, Schema.key(e.type()), List.copyOf(e.values()));
        else if (op instanceof Operation.AlterEnumAddValue e) addEnumValue(e.type(), e.value());
        else if (op instanceof Operation.DropSchema d) d.schemas().forEach(this::dropSchema);
        else if (op instanceof Operation.DoBlock d) {
            for (NestedStatement n : d.body()) n.operations().forEach(this::apply);
        } else if (op instanceof Operation.ObjectChange o) objectChange(o);
        else if (op instanceof Operation.AttachPartition a) setParent(a.partition(), a.table());
        else if (op instanceof Operation.DetachPartition d) setParent(d.partition(), null);
        // the remaining kinds (DML, locks, settings, storage, partitions, vacuum…) do not change the modelled schema
    }

    private TableModel table(TableRef ref) {
        return ref == null ? null : store.tables.get(pending, Schema.key(ref));
    }

    private IndexModel index(TableRef ref) {
        return store.indexes.get(pending, Schema.key(ref));
    }

    private void putIndex(IndexModel index) {
        store.indexes.put(pending, Schema.key(index.name()), index);
    }

    private IndexModel removeIndex(TableRef ref) {
        IndexModel i = index(ref);
        if (i != null) store.indexes.remove(pending, Schema.key(ref));
        return i;
    }

    private void createTable(Operation.CreateTable t) {
        if (t.table() == null || (t.ifNotExists() && table(t.table()) != null)) return;
        Map<String, ColumnModel> columns = new LinkedHashMap<>();
        TableModel parent = table(t.partitionOf());
        if (parent != null) columns.putAll(parent.columns());
        List<ConstraintDef> constraints = new ArrayList<>();
        for (ColumnDef c : t.columns()) {
            columns.put(c.name(), column(c));
            for (ConstraintDef inline : c.inlineConstraints()) constraints.add(inlineOn(c.name(), inline));
        }
        constraints.addAll(t.constraints());
        String key = Schema.key(t.table());
        store.tables.put(pending, key, new TableModel(t.table(), columns, List.of(), List.of(), t.partitioned(),
                t.partitionOf(), t.defaultPartition()));
        store.createdInUnit.put(pending, key, unit);
        for (ConstraintDef c : constraints) addConstraint(t.table(), c);
    }

    private static ColumnModel column(ColumnDef c) {
        boolean serial = c.isSerial();
        String def = serial ? ColumnModel.SERIAL_DEFAULT : c.defaultExpr();
        return new ColumnModel(c.name(), normaliseType(c.type()),
                c.notNull() || serial || c.generated() == ColumnDef.Generated.IDENTITY, def);
    }

    private static String normaliseType(String type) {
        if (type == null) return null;
        String t = ColumnDef.normalType(type);
        if (t.equals("serial") || t.equals("serial4")) return "integer";
        if (t.equals("bigserial") || t.equals("serial8")) return "bigint";
        if (t.equals("smallserial") || t.equals("serial2")) return "smallint";
        return t;
    }

    private static ConstraintDef inlineOn(String column, ConstraintDef c) {
        if (!c.columns().isEmpty()) return c;
        return c.onColumns(List.of(column));
    }

    private void addColumn(TableRef ref, ColumnDef c, boolean ifNotExists) {
        TableModel t = table(ref);
        if (t == null || (ifNotExists && t.columns().containsKey(c.name()))) return;
        Map<String, ColumnModel> columns = Columns.with(t.columns(), c.name(), column(c));
        put(new TableModel(t.ref(), columns, t.constraints(), t.indexes(), t.partitioned(), t.partitionOf(), t.defaultPartition()));
        for (ConstraintDef inline : c.inlineConstraints()) addConstraint(ref, inlineOn(c.name(), inline));
    }

    private void dropColumn(TableRef ref, String column) {
        TableModel t = table(ref);
        if (t == null) return;
        Map<String, ColumnModel> columns = new LinkedHashMap<>(t.columns());
        columns.remove(column);
        List<ConstraintDef> constraints = new ArrayList<>();
        for (ConstraintDef c : t.constraints()) if (!c.columns().contains(column)) constraints.add(c);
        List<IndexModel> kept = new ArrayList<>();
        for (IndexModel i : t.indexes()) {
            if (i.columns().contains(column)) removeIndex(i.name());
            else kept.add(i);
        }
        put(new TableModel(t.ref(), columns, constraints, kept, t.partitioned(), t.partitionOf(), t.defaultPartition()));
    }

    private void updateColumn(TableRef ref, String column, UnaryOperator<ColumnModel> change) {
        TableModel t = table(ref);
        if (t == null || !t.columns().containsKey(column)) return;
        Map<String, ColumnModel> columns = new LinkedHashMap<>(t.columns());
        columns.put(column, change.apply(columns.get(column)));
        put(new TableModel(t.ref(), columns, t.constraints(), t.indexes(), t.partitioned(), t.partitionOf(), t.defaultPartition()));
    }

    private void setParent(TableRef partition, TableRef parent) {
        TableModel t = table(partition);
        if (t == null) return;
        put(new TableModel(t.ref(), t.columns(), t.constraints(), t.indexes(), t.partitioned(), parent, false));
    }

    private void put(TableModel t) {
        store.tables.put(pending, Schema.key(t.ref()), t);
    }

    private void addConstraint(TableRef ref, ConstraintDef c) {
        TableModel t = table(ref);
        if (t == null) return;
        ConstraintDef named = c.name() != null ? c : c.named(GeneratedNames.constraint(t.ref(), c));
        List<ConstraintDef> constraints = Appended.with(t.constraints(), named);
        Map<String, ColumnModel> columns = t.columns();
        if (c.kind() == ConstraintDef.Kind.PRIMARY_KEY || (c.kind() == ConstraintDef.Kind.NOT_NULL && !c.notValid())) {
            columns = new LinkedHashMap<>(columns);
            for (String col : c.columns()) columns.computeIfPresent(col, (k, v) -> new ColumnModel(v.name(), v.type(), true, v.defaultExpr()));
        }
        List<IndexModel> tableIndexes = t.indexes();
        if (c.kind() == ConstraintDef.Kind.PRIMARY_KEY || c.kind() == ConstraintDef.Kind.UNIQUE) {
            if (c.usingIndex() != null) {
                TableRef old = new TableRef(ref.schema(), c.usingIndex());
                tableIndexes = new ArrayList<>(tableIndexes);
                tableIndexes.removeIf(i -> i.name().sameAs(old));
                removeIndex(old);
            }
            IndexModel index = IndexModel.onColumns(new TableRef(ref.schema(), named.name()), t.ref(), c.columns(), true);
            tableIndexes = Appended.with(tableIndexes, index);
            putIndex(index);
        }
        put(new TableModel(t.ref(), columns, constraints, tableIndexes, t.partitioned(), t.partitionOf(), t.defaultPartition()));
    }

    private void validateConstraint(TableRef ref, String name) {
        replaceConstraint(ref, name, ConstraintDef::validated);
        TableModel t = table(ref);
        if (t == null) return;
        for (ConstraintDef c : t.constraints()) {
            if (name.equals(c.name()) && c.kind() == ConstraintDef.Kind.NOT_NULL) {
                for (String col : c.columns()) updateColumn(ref, col, v -> new ColumnModel(v.name(), v.type(), true, v.defaultExpr()));
            }
        }
    }

    private void renameConstraint(TableRef ref, String from, String to) {
        replaceConstraint(ref, from, c -> c.named(to));
    }

    private void replaceConstraint(TableRef ref, String name, UnaryOperator<ConstraintDef> change) {
        TableModel t = table(ref);
        if (t == null || name == null) return;
        List<ConstraintDef> constraints = new ArrayList<>();
        for (ConstraintDef c : t.constraints()) constraints.add(name.equals(c.name()) ? change.apply(c) : c);
        put(new TableModel(t.ref(), t.columns(), constraints, t.indexes(), t.partitioned(), t.partitionOf(), t.defaultPartition()));
    }

    private void dropConstraint(TableRef ref, String name) {
        TableModel t = table(ref);
        if (t == null || name == null) return;
        List<ConstraintDef> constraints = new ArrayList<>(t.constraints());
        constraints.removeIf(c -> name.equals(c.name()));
        List<IndexModel> kept = new ArrayList<>(t.indexes());
        TableRef indexName = new TableRef(ref.schema(), name);
        if (kept.removeIf(i -> i.name().sameAs(indexName))) removeIndex(indexName);
        put(new TableModel(t.ref(), t.columns(), constraints, kept, t.partitioned(), t.partitionOf(), t.defaultPartition()));
    }

    private void renameColumn(TableRef ref, String from, String to) {
        TableModel t = table(ref);
        if (t == null || !t.columns().containsKey(from)) return;
        Map<String, ColumnModel> columns = new LinkedHashMap<>();
        t.columns().forEach((k, v) -> {
            if (k.equals(from)) columns.put(to, new ColumnModel(to, v.type(), v.notNull(), v.defaultExpr()));
            else columns.put(k, v);
        });
        List<ConstraintDef> constraints = new ArrayList<>();
        for (ConstraintDef c : t.constraints()) {
            constraints.add(c.onColumns(rename(c.columns(), from, to)));
        }
        List<IndexModel> tableIndexes = new ArrayList<>();
        for (IndexModel i : t.indexes()) {
            IndexModel r = i.withColumnRenamed(from, to);
            tableIndexes.add(r);
            putIndex(r);
        }
        put(new TableModel(t.ref(), columns, constraints, tableIndexes, t.partitioned(), t.partitionOf(), t.defaultPartition()));
    }

    private static List<String> rename(List<String> names, String from, String to) {
        if (!names.contains(from)) return names;
        List<String> out = new ArrayList<>(names);
        out.replaceAll(n -> n.equals(from) ? to : n);
        return out;
    }

    /** RENAME TO and SET SCHEMA: the table, its indexes (which follow it into the new schema) and its owner move. */
    private void moveTable(TableRef ref, UnaryOperator<TableRef> to) {
        TableModel t = table(ref);
        if (t == null) return;
        TableRef renamed = to.apply(t.ref());
        String oldKey = Schema.key(ref);
        store.tables.remove(pending, oldKey);
        List<IndexModel> tableIndexes = new ArrayList<>();
        for (IndexModel i : t.indexes()) {
            removeIndex(i.name());
            IndexModel r = i.withName(new TableRef(renamed.schema(), i.name().name()), renamed);
            tableIndexes.add(r);
            putIndex(r);
        }
        put(new TableModel(renamed, t.columns(), t.constraints(), tableIndexes, t.partitioned(), t.partitionOf(), t.defaultPartition()));
        Integer created = store.createdInUnit.get(pending, oldKey);
        if (created != null) {
            store.createdInUnit.remove(pending, oldKey);
            store.createdInUnit.put(pending, Schema.key(renamed), created);
        }
        String owner = store.owners.get(pending, oldKey);
        if (owner != null) {
            store.owners.remove(pending, oldKey);
            store.owners.put(pending, Schema.key(renamed), owner);
        }
    }

    private void dropOwned(List<String> roles) {
        for (String key : store.owners.keys(pending)) {
            if (roles.contains(store.owners.get(pending, key))) {
                TableModel t = store.tables.get(pending, key);
                if (t != null) dropTable(t.ref());
                store.owners.remove(pending, key);
            }
        }
    }

    private void renameIndex(TableRef index, String newName) {
        IndexModel i = removeIndex(index);
        if (i == null) return;
        IndexModel r = i.withName(new TableRef(index.schema(), newName), i.table());
        putIndex(r);
        replaceIndex(i, r);
    }

    private void replaceIndex(IndexModel old, IndexModel replacement) {
        TableModel t = table(old.table());
        if (t == null) return;
        List<IndexModel> tableIndexes = new ArrayList<>();
        for (IndexModel i : t.indexes()) {
            if (!i.name().sameAs(old.name())) tableIndexes.add(i);
            else if (replacement != null) tableIndexes.add(replacement);
        }
        put(new TableModel(t.ref(), t.columns(), t.constraints(), tableIndexes, t.partitioned(), t.partitionOf(), t.defaultPartition()));
    }

    private void createIndex(Operation.CreateIndex c) {
        TableModel t = table(c.table());
        String name = c.name() != null ? c.name() : GeneratedNames.index(c.table(), c.columns());
        TableRef ref = new TableRef(c.table().schema(), name);
        if (c.ifNotExists() && index(ref) != null) return;
        IndexModel index = new IndexModel(ref, t == null ? c.table() : t.ref(), c.elements(), c.unique(), c.where(), c.method(),
                c.options());
        putIndex(index);
        if (t != null) {
            List<IndexModel> tableIndexes = Appended.with(t.indexes(), index);
            put(new TableModel(t.ref(), t.columns(), t.constraints(), tableIndexes, t.partitioned(), t.partitionOf(), t.defaultPartition()));
        }
    }

    private void dropIndex(TableRef index) {
        IndexModel i = removeIndex(index);
        if (i != null) replaceIndex(i, null);
    }

    private void dropTable(TableRef ref) {
        TableModel t = table(ref);
        if (t == null) return;
        for (IndexModel i : t.indexes()) removeIndex(i.name());
        store.tables.remove(pending, Schema.key(ref));
        store.createdInUnit.remove(pending, Schema.key(ref));
        store.owners.remove(pending, Schema.key(ref));
    }

    private void addEnumValue(TableRef type, String value) {
        List<String> values = store.enums.get(pending, Schema.key(type));
        if (values == null || values.contains(value)) return;
        List<String> out = new ArrayList<>(values);
        out.add(value);
        store.enums.put(pending, Schema.key(type), List.copyOf(out));
    }

    private void dropSchema(String schema) {
        String prefix = schema + ".";
        List<String> doomed = new ArrayList<>();
        for (String k : store.tables.keys(pending)) if (k.startsWith(prefix)) doomed.add(k);
        for (String k : doomed) dropTable(store.tables.get(pending, k).ref());
        for (String k : store.enums.keys(pending)) if (k.startsWith(prefix)) store.enums.remove(pending, k);
    }

    private void objectChange(Operation.ObjectChange o) {
        if ("REASSIGN".equals(o.verb())) {
            // the new owner is another role: DROP OWNED BY the old ones no longer reaches these tables
            List<String> from = List.of(o.name().split(","));
            for (String key : store.owners.keys(pending)) if (from.contains(store.owners.get(pending, key))) store.owners.remove(pending, key);
            return;
        }
        if (o.table() == null) return;
        boolean view = "MATERIALIZED VIEW".equals(o.objectType());
        if (view && "CREATE".equals(o.verb()) && table(o.table()) == null) {
            String key = Schema.key(o.table());
            store.tables.put(pending, key, new TableModel(o.table(), Map.of(), List.of(), List.of(), false));
            store.createdInUnit.put(pending, key, unit);
        } else if (view && "DROP".equals(o.verb())) {
            dropTable(o.table());
        }
    }
}
