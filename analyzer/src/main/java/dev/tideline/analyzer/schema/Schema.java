package dev.tideline.analyzer.schema;

import dev.tideline.analyzer.model.TableRef;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An immutable schema snapshot: a version of the replay's {@link VersionedMap}s, so taking one costs nothing and
 * reading it stays correct however far the replay has gone since.
 */
final class Schema implements SchemaView {
    /** The replay's storage, shared by all its snapshots. */
    static final class Store {
        final VersionedMap<TableModel> tables;
        final VersionedMap<IndexModel> indexes;
        final VersionedMap<List<String>> enums;
        /** Table key → the unit (file) that created it. */
        final VersionedMap<Integer> createdInUnit;
        /** Table key → the role a migration gave it with OWNER TO. */
        final VersionedMap<String> owners;

        Store() {
            this(new VersionedMap<>(), new VersionedMap<>(), new VersionedMap<>(), new VersionedMap<>(), new VersionedMap<>());
        }

        private Store(VersionedMap<TableModel> tables, VersionedMap<IndexModel> indexes, VersionedMap<List<String>> enums,
                      VersionedMap<Integer> createdInUnit, VersionedMap<String> owners) {
            this.tables = tables;
            this.indexes = indexes;
            this.enums = enums;
            this.createdInUnit = createdInUnit;
            this.owners = owners;
        }

        /** The schema as it stands at {@code version}, alone in a store of its own (at version 0). */
        Store copyAt(int version) {
            return new Store(tables.copyAt(version, 0), indexes.copyAt(version, 0), enums.copyAt(version, 0),
                    createdInUnit.copyAt(version, 0), owners.copyAt(version, 0));
        }

        long writes() {
            return tables.writes() + indexes.writes() + enums.writes() + createdInUnit.writes() + owners.writes();
        }
    }

    private final Store store;
    private final int version;
    private final int unit;

    /** How many changes the store held when this snapshot was taken. */
    final long writes;

    Schema(Store store, int version, int unit) {
        this.store = store;
        this.version = version;
        this.unit = unit;
        this.writes = store.writes();
    }

    int unit() {
        return unit;
    }

    /** Key that treats an unqualified name as {@code public.name} (the default search_path). */
    static String key(TableRef ref) {
        return (ref.schema() == null ? "public" : ref.schema()) + "." + ref.name();
    }

    @Override
    public Optional<TableModel> table(TableRef ref) {
        return ref == null ? Optional.empty() : Optional.ofNullable(store.tables.get(version, key(ref)));
    }

    @Override
    public Optional<IndexModel> index(TableRef indexName) {
        return indexName == null ? Optional.empty() : Optional.ofNullable(store.indexes.get(version, key(indexName)));
    }

    @Override
    public boolean isNew(TableRef ref) {
        if (ref == null) return false;
        Integer created = store.createdInUnit.get(version, key(ref));
        return created != null && created == unit;
    }

    @Override
    public Collection<TableModel> tables() {
        return Collections.unmodifiableCollection(store.tables.values(version));
    }

    @Override
    public Optional<String> owner(TableRef table) {
        return table == null ? Optional.empty() : Optional.ofNullable(store.owners.get(version, key(table)));
    }

    @Override
    public Optional<List<String>> enumValues(TableRef type) {
        return type == null ? Optional.empty() : Optional.ofNullable(store.enums.get(version, key(type)));
    }
}
