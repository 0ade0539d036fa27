package dev.tideline.analyzer.schema;

import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.TableRef;
import java.util.List;
import java.util.Map;

/**
 * A table as the replayed migrations left it (immutable: each change makes a new instance).
 *
 * @param columns     by name, in declaration order
 * @param constraints with their validated state ({@code notValid} until a VALIDATE CONSTRAINT)
 * @param partitioned declared with PARTITION BY
 * @param partitionOf the parent when this table is one of its partitions, else null
 * @param defaultPartition the parent's DEFAULT partition
 */
public record TableModel(TableRef ref, Map<String, ColumnModel> columns, List<ConstraintDef> constraints,
                         List<IndexModel> indexes, boolean partitioned, TableRef partitionOf, boolean defaultPartition) {
    public TableModel(TableRef ref, Map<String, ColumnModel> columns, List<ConstraintDef> constraints,
                      List<IndexModel> indexes, boolean partitioned) {
        this(ref, columns, constraints, indexes, partitioned, null, false);
    }

    /** The parent when this table is its DEFAULT partition, else null. */
    public TableRef defaultPartitionOf() {
        return defaultPartition ? partitionOf : null;
    }
}
