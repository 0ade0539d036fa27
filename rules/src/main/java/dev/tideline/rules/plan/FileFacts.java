package dev.tideline.rules.plan;

import dev.tideline.analyzer.AnalyzedOperation;
import dev.tideline.analyzer.AnalyzedStatement;
import dev.tideline.analyzer.FileAnalysis;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.schema.SchemaView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Patterns that span statements of one file: a table split (columns moved to a new table), written as
 * CREATE TABLE new (key, moved columns…); INSERT INTO new … SELECT … FROM old; ALTER TABLE old DROP COLUMN …;
 * and what a type change takes with it (keys, foreign keys and defaults the file drops and re-creates around it).
 */
final class FileFacts {
    /**
     * @param key    the old table's single-column primary key
     * @param newKey the new table's column holding it (same name, or a foreign key to the old table)
     */
    record Split(TableRef from, Operation.CreateTable to, String key, String newKey, List<String> moved) {}

    private final List<Split> splits;
    private final List<Operation.AlterColumnType> typeChanges;
    private final SchemaView atStart;
    private final Set<String> droppedConstraints;
    private final Set<String> droppedDefaults;

    private FileFacts(List<Split> splits, List<Operation.AlterColumnType> typeChanges, SchemaView atStart,
                      Set<String> droppedConstraints, Set<String> droppedDefaults) {
        this.splits = List.copyOf(splits);
        this.typeChanges = List.copyOf(typeChanges);
        this.atStart = atStart;
        this.droppedConstraints = Set.copyOf(droppedConstraints);
        this.droppedDefaults = Set.copyOf(droppedDefaults);
    }

    static FileFacts scan(FileAnalysis file) {
        Map<String, Operation.CreateTable> created = new LinkedHashMap<>();
        Map<String, List<String>> dropped = new LinkedHashMap<>();
        Map<String, TableRef> droppedFrom = new LinkedHashMap<>();
        List<Operation.AlterColumnType> typeChanges = new ArrayList<>();
        Set<String> droppedConstraints = new HashSet<>();
        Set<String> droppedDefaults = new HashSet<>();
        SchemaView first = file.statements().isEmpty() ? null : file.statements().get(0).schemaBefore();
        for (AnalyzedStatement st : file.statements()) {
            for (AnalyzedOperation op : st.operations()) {
                if (op.operation() instanceof Operation.CreateTable c && !c.asSelect() && !c.temporary()) {
                    created.put(c.table().name(), c);
                } else if (op.operation() instanceof Operation.AlterColumnType t) {
                    typeChanges.add(t);
                } else if (op.operation() instanceof Operation.DropConstraint d && !op.onNewTable()) {
                    droppedConstraints.add(key(d.table(), d.name()));
                } else if (op.operation() instanceof Operation.DropDefault d && !op.onNewTable()) {
                    droppedDefaults.add(key(d.table(), d.column()));
                } else if (op.operation() instanceof Operation.DropColumn d && !op.onNewTable()) {
                    dropped.computeIfAbsent(d.table().name(), k -> new ArrayList<>()).add(d.column());
                    droppedFrom.put(d.table().name(), d.table());
                }
            }
        }
        List<Split> splits = new ArrayList<>();
        if (first == null) return new FileFacts(splits, typeChanges, null, droppedConstraints, droppedDefaults);
        for (Map.Entry<String, List<String>> e : dropped.entrySet()) {
            TableRef from = droppedFrom.get(e.getKey());
            var old = first.table(from);
            if (old.isEmpty()) continue;
            String key = old.get().constraints().stream()
                    .filter(c -> c.kind() == ConstraintDef.Kind.PRIMARY_KEY && c.columns().size() == 1)
                    .map(c -> c.columns().get(0)).findFirst().orElse(null);
            if (key == null) continue;
            for (Operation.CreateTable to : created.values()) {
                List<String> newCols = to.columns().stream().map(ColumnDef::name).toList();
                List<String> moved = e.getValue().stream().filter(newCols::contains).toList();
                String newKey = newKey(to, from, key);
                if (!moved.isEmpty() && moved.size() == e.getValue().size() && newKey != null) {
                    splits.add(new Split(from, to, key, newKey, moved));
                    break;
                }
            }
        }
        return new FileFacts(splits, typeChanges, first, droppedConstraints, droppedDefaults);
    }

    private static String key(TableRef table, String name) {
        return table.name() + "\u0000" + name;
    }

    /** The schema the running release uses: as it was before this file's first statement. */
    SchemaView atStart() {
        return atStart;
    }

    boolean dropsConstraint(TableRef table, String name) {
        return name != null && droppedConstraints.contains(key(table, name));
    }

    boolean dropsDefault(TableRef table, String column) {
        return droppedDefaults.contains(key(table, column));
    }

    /**
     * The constraint, as the running release has it, holds a column whose type this file changes (on its table, or
     * as the key a foreign key references): dropping it belongs to that type change's swap, not to the first release.
     */
    boolean involvesTypeChange(TableRef table, String name) {
        if (atStart == null || name == null) return false;
        ConstraintDef c = atStart.table(table).flatMap(t -> t.constraints().stream()
                .filter(k -> name.equals(k.name())).findFirst()).orElse(null);
        if (c == null) return false;
        if (c.columns().stream().anyMatch(col -> typeChanged(table, col))) return true;
        if (c.kind() != ConstraintDef.Kind.FOREIGN_KEY || c.referencedTable() == null) return false;
        List<String> refCols = c.referencedColumns() == null || c.referencedColumns().isEmpty()
                ? atStart.table(c.referencedTable()).flatMap(t -> t.constraints().stream()
                        .filter(k -> k.kind() == ConstraintDef.Kind.PRIMARY_KEY).findFirst())
                        .map(ConstraintDef::columns).orElse(List.of())
                : c.referencedColumns();
        return refCols.stream().anyMatch(col -> typeChanged(c.referencedTable(), col));
    }

    /** The new table's column referencing the old table's key, else a column of the key's name. */
    private static String newKey(Operation.CreateTable to, TableRef from, String key) {
        for (ColumnDef c : to.columns()) {
            for (ConstraintDef k : c.inlineConstraints()) {
                if (k.kind() == ConstraintDef.Kind.FOREIGN_KEY && from.sameAs(k.referencedTable())) return c.name();
            }
        }
        for (ConstraintDef k : to.constraints()) {
            if (k.kind() == ConstraintDef.Kind.FOREIGN_KEY && from.sameAs(k.referencedTable()) && k.columns().size() == 1) {
                return k.columns().get(0);
            }
        }
        return to.columns().stream().anyMatch(c -> c.name().equals(key)) ? key : null;
    }

    /** Whether the file also changes the type of this column. */
    boolean typeChanged(TableRef table, String column) {
        return typeChanges.stream().anyMatch(t -> t.table().sameAs(table) && t.column().equals(column));
    }

    /** The split whose new table this is. */
    Split splitInto(TableRef table) {
        for (Split s : splits) if (s.to().table().sameAs(table)) return s;
        return null;
    }

    /** The split that moves this column out of this table. */
    Split splitMoving(TableRef table, String column) {
        for (Split s : splits) if (s.from().sameAs(table) && s.moved().contains(column)) return s;
        return null;
    }
}
