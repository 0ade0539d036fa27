package dev.tideline.analyzer;

import dev.tideline.analyzer.model.LockEffect;
import dev.tideline.analyzer.model.Operation;

/**
 * An operation with its effect on the target version.
 *
 * @param onNewTable the operation's table was created earlier in the same file or transaction
 */
public record AnalyzedOperation(Operation operation, LockEffect effect, boolean onNewTable) {}
