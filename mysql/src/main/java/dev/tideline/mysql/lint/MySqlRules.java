package dev.tideline.mysql.lint;

import dev.tideline.mysql.rules.AddCheckConstraint;
import dev.tideline.mysql.rules.AddColumnComputed;
import dev.tideline.mysql.rules.AddColumnRequired;
import dev.tideline.mysql.rules.AddForeignKey;
import dev.tideline.mysql.rules.AddUniqueIndex;
import dev.tideline.mysql.rules.AlgorithmLockClause;
import dev.tideline.mysql.rules.ChangeColumnType;
import dev.tideline.mysql.rules.DashCommentWithoutSpace;
import dev.tideline.mysql.rules.DropPartition;
import dev.tideline.mysql.rules.FulltextSpatialIndex;
import dev.tideline.mysql.rules.InlineReferences;
import dev.tideline.mysql.rules.InstantRowVersionLimit;
import dev.tideline.mysql.rules.MakeColumnNotNull;
import dev.tideline.mysql.rules.MixedInstantAlter;
import dev.tideline.mysql.rules.PrimaryKeyChange;
import dev.tideline.mysql.rules.TableRebuild;
import dev.tideline.mysql.rules.TableWithoutPrimaryKey;
import dev.tideline.mysql.rules.AlterWithoutAlgorithmLock;
import dev.tideline.mysql.rules.CharsetConversion;
import dev.tideline.mysql.rules.DropColumn;
import dev.tideline.mysql.rules.DropTable;
import dev.tideline.mysql.rules.EnumReorder;
import dev.tideline.mysql.rules.ImplicitCommitInTransaction;
import dev.tideline.mysql.rules.LockTables;
import dev.tideline.mysql.rules.LockTimeoutMissing;
import dev.tideline.mysql.rules.NonAtomicMigration;
import dev.tideline.mysql.rules.RenameColumn;
import dev.tideline.mysql.rules.RenameTable;
import dev.tideline.mysql.rules.TableCopy;
import dev.tideline.mysql.rules.Truncate;
import dev.tideline.mysql.rules.UnbatchedBackfill;
import dev.tideline.mysql.rules.UnparsedStatement;
import java.util.List;

/** Every rule of the wing, listed by hand (no classpath scan); MySqlRulesTest fails when a rule class is missing. */
public final class MySqlRules {
    public static final List<MySqlRule> ALL = List.of(
            // locks and copies on existing tables
            new AlterWithoutAlgorithmLock(), new AlgorithmLockClause(), new TableCopy(), new TableRebuild(),
            new MixedInstantAlter(), new AddColumnComputed(), new ChangeColumnType(), new MakeColumnNotNull(),
            new CharsetConversion(), new EnumReorder(), new FulltextSpatialIndex(), new AddUniqueIndex(),
            new PrimaryKeyChange(), new AddForeignKey(), new AddCheckConstraint(), new InstantRowVersionLimit(),
            new LockTables(), new LockTimeoutMissing(), new UnbatchedBackfill(),
            // destructive
            new DropTable(), new DropColumn(), new Truncate(), new DropPartition(),
            // breaks the running release
            new RenameColumn(), new RenameTable(), new AddColumnRequired(), new InlineReferences(),
            // schema design and robustness
            new TableWithoutPrimaryKey(), new DashCommentWithoutSpace(),
            // transactions
            new ImplicitCommitInTransaction(), new NonAtomicMigration(),
            // analysis
            new UnparsedStatement());

    private MySqlRules() {}
}
