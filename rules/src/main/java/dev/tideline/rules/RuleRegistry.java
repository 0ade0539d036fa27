package dev.tideline.rules;

import dev.tideline.rules.checks.AddCheckValidating;
import dev.tideline.rules.checks.AddColumnRequired;
import dev.tideline.rules.checks.AddColumnRewrite;
import dev.tideline.rules.checks.AddDomainConstraint;
import dev.tideline.rules.checks.AddExclusionConstraint;
import dev.tideline.rules.checks.AddForeignKeyValidating;
import dev.tideline.rules.checks.AddUniqueWithoutIndex;
import dev.tideline.rules.checks.ColumnTypeRewrite;
import dev.tideline.rules.checks.ConcurrentInTransaction;
import dev.tideline.rules.checks.ConcurrentIndexNotIdempotent;
import dev.tideline.rules.checks.ConcurrentIndexOnPartitionedTable;
import dev.tideline.rules.checks.CreateIndexNonConcurrent;
import dev.tideline.rules.checks.DetachPartitionNonConcurrent;
import dev.tideline.rules.checks.DropCascade;
import dev.tideline.rules.checks.DropColumn;
import dev.tideline.rules.checks.DropConstraintCascade;
import dev.tideline.rules.checks.DropDatabase;
import dev.tideline.rules.checks.DropIndexNonConcurrent;
import dev.tideline.rules.checks.DropNotNull;
import dev.tideline.rules.checks.DropOwned;
import dev.tideline.rules.checks.DropSchema;
import dev.tideline.rules.checks.DropTable;
import dev.tideline.rules.checks.ForeignKeyWithoutIndex;
import dev.tideline.rules.checks.IdentifierTooLong;
import dev.tideline.rules.checks.LockHeldAcrossStatements;
import dev.tideline.rules.checks.LockTableStatement;
import dev.tideline.rules.checks.LockTimeoutMissing;
import dev.tideline.rules.checks.MixedNonTransactional;
import dev.tideline.rules.checks.PreferBigintPrimaryKey;
import dev.tideline.rules.checks.PreferIdentity;
import dev.tideline.rules.checks.PreferJsonb;
import dev.tideline.rules.checks.PreferText;
import dev.tideline.rules.checks.PreferTimestamptz;
import dev.tideline.rules.checks.RefreshMatviewNonConcurrent;
import dev.tideline.rules.checks.ReindexNonConcurrent;
import dev.tideline.rules.checks.RenameColumn;
import dev.tideline.rules.checks.RenameTable;
import dev.tideline.rules.checks.SetNotNull;
import dev.tideline.rules.checks.SetSchema;
import dev.tideline.rules.checks.StatementTimeoutMissing;
import dev.tideline.rules.checks.SuppressionWithoutReason;
import dev.tideline.rules.checks.TableRewrite;
import dev.tideline.rules.checks.TransactionNesting;
import dev.tideline.rules.checks.Truncate;
import dev.tideline.rules.checks.UnbatchedBackfill;
import dev.tideline.rules.checks.UncommittedTransaction;
import dev.tideline.rules.checks.UnparsedStatement;
import dev.tideline.rules.checks.UnusedSuppression;
import dev.tideline.rules.checks.ValidateInSameTransaction;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every rule, listed by hand so start-up needs no classpath scan. RuleRegistryTest fails when a rule class in
 * {@code dev.tideline.rules.checks} is missing here or has no documentation.
 */
public final class RuleRegistry {
    public static final List<Rule> ALL = List.of(
            // locks and rewrites on existing tables
            new CreateIndexNonConcurrent(), new DropIndexNonConcurrent(), new ReindexNonConcurrent(),
            new AddForeignKeyValidating(), new AddCheckValidating(), new AddUniqueWithoutIndex(),
            new AddExclusionConstraint(), new SetNotNull(), new ColumnTypeRewrite(), new AddColumnRewrite(),
            new TableRewrite(), new LockTableStatement(), new RefreshMatviewNonConcurrent(),
            new DetachPartitionNonConcurrent(), new ValidateInSameTransaction(), new LockTimeoutMissing(),
            new LockHeldAcrossStatements(), new UnbatchedBackfill(), new StatementTimeoutMissing(),
            new AddDomainConstraint(),
            // destructive
            new DropTable(), new DropColumn(), new DropSchema(), new DropDatabase(), new Truncate(), new DropOwned(),
            new DropCascade(), new DropConstraintCascade(),
            // breaks the running release
            new RenameColumn(), new RenameTable(), new SetSchema(), new AddColumnRequired(), new DropNotNull(),
            // transactions
            new ConcurrentInTransaction(), new ConcurrentIndexOnPartitionedTable(), new MixedNonTransactional(),
            new TransactionNesting(), new UncommittedTransaction(),
            // robustness and schema design
            new ConcurrentIndexNotIdempotent(), new ForeignKeyWithoutIndex(), new IdentifierTooLong(),
            new PreferBigintPrimaryKey(), new PreferIdentity(), new PreferTimestamptz(), new PreferText(),
            new PreferJsonb(),
            // analysis
            new UnparsedStatement(), new SuppressionWithoutReason(), new UnusedSuppression());

    private static final Set<String> IDS;

    static {
        Set<String> ids = new LinkedHashSet<>();
        for (Rule r : ALL) {
            if (r.info() == null) throw new IllegalStateException(r.getClass().getName() + " lacks @RuleInfo");
            if (!ids.add(r.info().id())) throw new IllegalStateException("duplicate rule id " + r.info().id());
        }
        IDS = Set.copyOf(ids);
    }

    private RuleRegistry() {}

    public static Set<String> ids() {
        return IDS;
    }
}
