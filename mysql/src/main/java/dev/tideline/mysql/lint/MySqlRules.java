package dev.tideline.mysql.lint;

import dev.tideline.mysql.rules.AddColumnRequired;
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
            new AlterWithoutAlgorithmLock(), new TableCopy(), new CharsetConversion(), new EnumReorder(), new LockTables(),
            new LockTimeoutMissing(), new UnbatchedBackfill(),
            // destructive
            new DropTable(), new DropColumn(), new Truncate(),
            // breaks the running release
            new RenameColumn(), new RenameTable(), new AddColumnRequired(),
            // transactions
            new ImplicitCommitInTransaction(), new NonAtomicMigration(),
            // analysis
            new UnparsedStatement());

    private MySqlRules() {}
}
