package dev.tideline.analyzer.schema;

import dev.tideline.analyzer.model.TableRef;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Read-only view of the schema as it stood just before a statement. */
public interface SchemaView {
    Optional<TableModel> table(TableRef ref);

    Optional<IndexModel> index(TableRef indexName);

    /**
     * True when the table was created earlier in the same file or in the same transaction as the statement:
     * nobody else can be using it yet, so its locks harm no one.
     */
    boolean isNew(TableRef ref);

    /** True when any replayed migration created this table (so it may hold data in production). */
    default boolean exists(TableRef ref) {
        return table(ref).isPresent();
    }

    /** Every table known at this point. */
    default Collection<TableModel> tables() {
        return List.of();
    }

    /** The role a replayed migration made the table's owner ({@code ALTER TABLE … OWNER TO}); empty when not set. */
    default Optional<String> owner(TableRef table) {
        return Optional.empty();
    }

    /** The labels of an enum type created by a replayed migration. */
    default Optional<List<String>> enumValues(TableRef type) {
        return Optional.empty();
    }
}
