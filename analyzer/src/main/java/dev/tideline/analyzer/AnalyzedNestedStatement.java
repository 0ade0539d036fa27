package dev.tideline.analyzer;

import dev.tideline.analyzer.model.NestedStatement;
import dev.tideline.analyzer.schema.SchemaView;
import java.util.List;

/**
 * A statement a DO block runs (at any depth), with its operations' effects on the schema as it stood just before it:
 * the block's earlier statements included.
 */
public record AnalyzedNestedStatement(NestedStatement statement, List<AnalyzedOperation> operations,
                                      SchemaView schemaBefore) {}
