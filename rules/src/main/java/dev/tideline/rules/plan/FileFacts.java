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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Patterns that span statements of one file. Today: a table split (columns moved to a new table), written as
 * CREATE TABLE new (key, moved columns…); INSERT INTO new … SELECT … FROM old; ALTER TABLE old DROP COLUMN ….
 */
final class FileFacts {
    /**
     * @param key    the old table's single-column primary key
     * @param newKey the new table's column holding it (same name, or a foreign key to the old table)
     */
    record Split(TableRef from, Operation.CreateTable to, String key, String newKey, List<String> moved) {}

    private final List<Split> splits;
    private final List<Operation.AlterColumnType> typeChanges;

    private FileFacts(List<Split> splits, List<Operation.AlterColumnType> typeChanges) {
        this.splits = List.copyOf(splits);
        this.typeChanges = List.copyOf(typeChanges);
    }

    static FileFacts scan(FileAnalysis file) {
        Map<String, Operation.CreateTable> created = new LinkedHashMap<>();
        Map<String, List<String>> dropped = new LinkedHashMap<>();
        Map<String, TableRef> droppedFrom = new LinkedHashMap<>();
        List<Operation.AlterColumnType> typeChanges = new ArrayList<>();
        SchemaView first = file.statements().isEmpty() ? null : file.statements().get(0).schemaBefore();
        for (AnalyzedStatement st : file.statements()) {
            for (AnalyzedOperation op : st.operations()) {
                if (op.operation() instanceof Operation.CreateTable c && !c.asSelect() && !c.temporary()) {
                    created.put(c.table().name(), c);
                } else if (op.operation() instanceof Operation.AlterColumnType t) {
                    typeChanges.add(t);
                } else if (op.operation() instanceof Operation.DropColumn d && !op.onNewTable()) {
                    dropped.computeIfAbsent(d.table().name(), k -> new ArrayList<>()).add(d.column());
                    droppedFrom.put(d.table().name(), d.table());
                }
            }
        }
        List<Split> splits = new ArrayList<>();
        if (first == null) return new FileFacts(splits, typeChanges);
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
        return new FileFacts(splits, typeChanges);
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
