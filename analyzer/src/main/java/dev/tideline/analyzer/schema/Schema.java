package dev.tideline.analyzer.schema;

import dev.tideline.analyzer.model.TableRef;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable schema snapshot. Snapshots share their maps: {@link SchemaReplay} copies a map only when a statement
 * changes it, so unchanged statements cost nothing and a changed one costs one map copy.
 */
final class Schema implements SchemaView {
    static final Schema EMPTY = new Schema(Map.of(), Map.of(), Map.of(), Set.of());

    final Map<String, TableModel> tables;
    final Map<String, IndexModel> indexes;
    final Map<String, List<String>> enums;
    final Set<String> newTables;

    Schema(Map<String, TableModel> tables, Map<String, IndexModel> indexes, Map<String, List<String>> enums,
           Set<String> newTables) {
        this.tables = tables;
        this.indexes = indexes;
        this.enums = enums;
        this.newTables = newTables;
    }

    /** Key that treats an unqualified name as {@code public.name} (the default search_path). */
    static String key(TableRef ref) {
        return (ref.schema() == null ? "public" : ref.schema()) + "." + ref.name();
    }

    @Override
    public Optional<TableModel> table(TableRef ref) {
        return ref == null ? Optional.empty() : Optional.ofNullable(tables.get(key(ref)));
    }

    @Override
    public Optional<IndexModel> index(TableRef indexName) {
        return indexName == null ? Optional.empty() : Optional.ofNullable(indexes.get(key(indexName)));
    }

    @Override
    public boolean isNew(TableRef ref) {
        return ref != null && newTables.contains(key(ref));
    }

    @Override
    public Collection<TableModel> tables() {
        return Collections.unmodifiableCollection(tables.values());
    }

    @Override
    public Optional<List<String>> enumValues(TableRef type) {
        return type == null ? Optional.empty() : Optional.ofNullable(enums.get(key(type)));
    }
}
