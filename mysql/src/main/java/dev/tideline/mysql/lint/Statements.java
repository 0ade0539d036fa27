package dev.tideline.mysql.lint;

import dev.tideline.mysql.effects.DdlEffect;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.model.AlterAction;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.TableName;
import java.util.ArrayList;
import java.util.List;

/** What the server does around an operation, as the wing's pipeline and rules ask it. */
public final class Statements {
    private Statements() {}

    /** One sub-command of an ALTER TABLE on a table that existed before the migration, with where it is. */
    public record AlterActionAt<A extends AlterAction>(MySqlStatement statement, MySqlOperation.AlterTable alter, A action) {
        public TableName table() {
            return alter.table();
        }
    }

    /**
     * Every {@code kind} sub-command of the file's ALTER TABLE statements on existing tables (tables created earlier in
     * the same migration lock nothing anyone uses), in file order.
     */
    public static <A extends AlterAction> List<AlterActionAt<A>> alterActions(MySqlFile file, Class<A> kind) {
        List<AlterActionAt<A>> out = new ArrayList<>();
        for (MySqlStatement s : file.statements()) {
            for (MySqlOperation op : flatten(s.operations())) {
                if (!(op instanceof MySqlOperation.AlterTable at) || s.isNew(at.table())) continue;
                for (AlterAction a : at.actions()) if (kind.isInstance(a)) out.add(new AlterActionAt<>(s, at, kind.cast(a)));
            }
        }
        return out;
    }

    /** A statement's operation on an existing table with what the online-DDL model predicts for it on the target. */
    public record Predicted(MySqlStatement statement, MySqlOperation operation, TableName table, Prediction prediction) {
        public DdlEffect effect() {
            return prediction.effect();
        }
    }

    /**
     * The file's online-DDL operations (ALTER TABLE, CREATE/DROP INDEX, OPTIMIZE …) on tables that existed before the
     * migration, whose effect the model predicts, in file order.
     */
    public static List<Predicted> predicted(MySqlFile file) {
        List<Predicted> out = new ArrayList<>();
        for (MySqlStatement s : file.statements()) {
            for (int i = 0; i < s.operations().size(); i++) {
                MySqlOperation op = s.operations().get(i);
                Prediction p = s.predictions().get(i);
                List<TableName> tables = lockedTables(op);
                if (!p.modelled() || tables.isEmpty() || s.isNew(tables.get(0))) continue;
                out.add(new Predicted(s, op, tables.get(0), p));
            }
        }
        return out;
    }

    /** The operations a statement runs, a MariaDB {@code SET STATEMENT … FOR s} read as {@code s}. */
    public static List<MySqlOperation> flatten(List<MySqlOperation> ops) {
        List<MySqlOperation> out = new ArrayList<>();
        for (MySqlOperation op : ops) {
            if (op instanceof MySqlOperation.SetStatement ss) out.addAll(flatten(ss.statement()));
            else out.add(op);
        }
        return out;
    }

    /**
     * A change of table structure or data that commits on its own (DDL): the server commits the open transaction
     * before it and the statement itself after it, so nothing rolls it back.
     */
    public static boolean isSchemaChange(MySqlOperation op) {
        if (op instanceof MySqlOperation.CreateTable ct) return !ct.temporary();
        if (op instanceof MySqlOperation.DropTable dt) return !dt.temporary();
        return op instanceof MySqlOperation.AlterTable || op instanceof MySqlOperation.CreateIndex
                || op instanceof MySqlOperation.DropIndex || op instanceof MySqlOperation.RenameTables
                || op instanceof MySqlOperation.Truncate;
    }

    /**
     * The statement commits an open transaction (MySQL manual 15.3.3, "Statements That Cause an Implicit Commit"):
     * every DDL, LOCK TABLES, table maintenance, routine and account statements, and CREATE/ALTER/DROP DATABASE.
     */
    public static boolean commitsImplicitly(MySqlOperation op) {
        if (isSchemaChange(op)) return true;
        if (op instanceof MySqlOperation.Database d) return !d.command().equals("USE");
        return op instanceof MySqlOperation.LockTables || op instanceof MySqlOperation.TableMaintenance
                || op instanceof MySqlOperation.CreateRoutine || op instanceof MySqlOperation.DropRoutine
                || op instanceof MySqlOperation.OtherDdl;
    }

    /** The tables whose exclusive metadata lock the operation takes (the tables it changes), as written. */
    public static List<TableName> lockedTables(MySqlOperation op) {
        if (op instanceof MySqlOperation.AlterTable at) return List.of(at.table());
        if (op instanceof MySqlOperation.CreateIndex ci) return List.of(ci.table());
        if (op instanceof MySqlOperation.DropIndex di) return List.of(di.table());
        if (op instanceof MySqlOperation.DropTable dt) return dt.temporary() ? List.of() : dt.tables();
        if (op instanceof MySqlOperation.Truncate t) return List.of(t.table());
        if (op instanceof MySqlOperation.TableMaintenance m) return m.tables();
        if (op instanceof MySqlOperation.RenameTables rt) {
            return rt.renames().stream().map(MySqlOperation.RenameTables.Rename::from).toList();
        }
        return List.of();
    }

    /**
     * Running the statement again after a failure finishes the job instead of failing: {@code IF [NOT] EXISTS} on the
     * statement or, for ALTER TABLE (MariaDB), on every sub-command.
     */
    public static boolean idempotent(MySqlOperation op) {
        if (op instanceof MySqlOperation.CreateTable ct) return ct.ifNotExists();
        if (op instanceof MySqlOperation.DropTable dt) return dt.ifExists();
        if (op instanceof MySqlOperation.CreateIndex ci) return ci.ifNotExists();
        if (op instanceof MySqlOperation.DropIndex di) return di.ifExists();
        if (op instanceof MySqlOperation.AlterTable at) {
            return !at.actions().isEmpty() && at.actions().stream().allMatch(Statements::guarded);
        }
        return false;
    }

    private static boolean guarded(AlterAction a) {
        if (a instanceof AlterAction.AddColumn c) return c.ifNotExists();
        if (a instanceof AlterAction.DropColumn c) return c.ifExists();
        if (a instanceof AlterAction.AddIndex i) return i.ifNotExists();
        if (a instanceof AlterAction.DropIndex i) return i.ifExists();
        if (a instanceof AlterAction.DropForeignKey f) return f.ifExists();
        if (a instanceof AlterAction.DropConstraint c) return c.ifExists();
        return false;
    }

    /** {@code SET [SESSION] lock_wait_timeout = …} (a GLOBAL one applies to later sessions only). */
    public static boolean setsLockWaitTimeout(MySqlOperation op) {
        if (op instanceof MySqlOperation.SetVariables sv) {
            return sv.assignments().stream().anyMatch(a -> a.name().equals("lock_wait_timeout")
                    && a.scope() == MySqlOperation.SetVariables.Scope.SESSION);
        }
        return false;
    }

    /** A per-statement metadata-lock timeout: MariaDB {@code WAIT n}/{@code NOWAIT} or {@code SET STATEMENT lock_wait_timeout=n FOR}. */
    public static boolean boundsItsOwnWait(List<MySqlOperation> ops) {
        for (MySqlOperation op : ops) {
            if (op instanceof MySqlOperation.SetStatement ss
                    && ss.assignments().stream().anyMatch(a -> a.name().equals("lock_wait_timeout"))) return true;
            if (op instanceof MySqlOperation.AlterTable at && at.clauses().waitSeconds() != null) return true;
            if (op instanceof MySqlOperation.CreateIndex ci && ci.clauses().waitSeconds() != null) return true;
            if (op instanceof MySqlOperation.DropIndex di && di.clauses().waitSeconds() != null) return true;
        }
        return false;
    }
}
