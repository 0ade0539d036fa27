package dev.tideline.mysql.lint;

import dev.tideline.analyzer.source.SqlStatement;
import dev.tideline.mysql.effects.Prediction;
import dev.tideline.mysql.model.MySqlOperation;
import dev.tideline.mysql.model.TableName;
import java.util.List;
import java.util.Set;

/**
 * One statement as the wing's rules see it: where it is, what it asks for, and what the statements before it in the
 * file left behind.
 *
 * @param predictions             what the server does for each operation, by the online-DDL model (UNMODELLED for
 *                                what is not online DDL)
 * @param onOldest                one per operation: the prediction on the flavour's oldest supported release where
 *                                the target runs the operation without a copy, else the target's
 * @param called                  a statement of a procedure body that the file {@code CALL}s (located at its own line
 *                                in the procedure), rather than a top-level statement
 * @param newTables               keys of the tables created earlier in the same migration: changes to them lock nothing
 *                                anyone else uses
 * @param openTransaction         an explicit {@code START TRANSACTION}/{@code BEGIN} is open before the statement
 * @param lockWaitTimeoutSet      {@code lock_wait_timeout} was set for the session earlier in the file
 */
public record MySqlStatement(SqlStatement statement, List<MySqlOperation> operations, List<Prediction> predictions,
                             List<Prediction> onOldest, boolean called,
                             Set<String> newTables, boolean openTransaction, boolean lockWaitTimeoutSet) {

    public int line() {
        return statement.line();
    }

    /** The table was created earlier in this migration. */
    public boolean isNew(TableName table) {
        return newTables.contains(table.key());
    }
}
