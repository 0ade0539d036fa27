package dev.tideline.analyzer.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.IndexElement;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTrackerTest {
    private static TransactionTracker.Stmt ddl(int line) {
        return new TransactionTracker.Stmt(line, List.of(new Operation.SetNotNull(TableRef.of("t"), "c")), true);
    }

    private static TransactionTracker.Stmt concurrently(int line) {
        return new TransactionTracker.Stmt(line, List.of(new Operation.CreateIndex("i", TableRef.of("t"), List.of(IndexElement.of("c")), false, true, false, null, null, false, "")), false);
    }

    private static TransactionTracker.Stmt tx(int line, Operation.TransactionKind kind) {
        return new TransactionTracker.Stmt(line, List.of(new Operation.Transaction(kind)), true);
    }

    @Test
    void flywayWrapsTheFileUnlessItHoldsANonTransactionalStatement() {
        List<TxContext> all = TransactionTracker.contexts(Runner.FLYWAY, TransactionTracker.FileHints.NONE, List.of(ddl(1), ddl(2)));
        assertEquals(TxContext.Source.RUNNER, all.get(0).source());
        assertEquals(all.get(0).blockId(), all.get(1).blockId());
        List<TxContext> mixed = TransactionTracker.contexts(Runner.FLYWAY, TransactionTracker.FileHints.NONE, List.of(ddl(1), concurrently(2)));
        assertFalse(mixed.get(0).inTransaction());
        assertFalse(mixed.get(1).inTransaction());
    }

    @Test
    void plainIsAutocommitExceptExplicitBlocks() {
        List<TxContext> c = TransactionTracker.contexts(Runner.PLAIN, TransactionTracker.FileHints.NONE, List.of(
                ddl(1), tx(2, Operation.TransactionKind.BEGIN), ddl(3), tx(4, Operation.TransactionKind.COMMIT), ddl(5)));
        assertFalse(c.get(0).inTransaction());
        assertEquals(TxContext.Source.EXPLICIT, c.get(2).source());
        assertEquals(c.get(1).blockId(), c.get(3).blockId());
        assertFalse(c.get(4).inTransaction());
    }

    @Test
    void commitInsideARunnerTransactionEndsIt() {
        List<TxContext> c = TransactionTracker.contexts(Runner.GOLANG_MIGRATE, TransactionTracker.FileHints.NONE, List.of(
                ddl(1), tx(2, Operation.TransactionKind.COMMIT), concurrently(3)));
        assertEquals(TxContext.Source.RUNNER, c.get(0).source());
        assertFalse(c.get(2).inTransaction());
    }

    @Test
    void liquibaseChangesetsAreSeparateUnits() {
        String file = """
                --liquibase formatted sql
                --changeset alice:1
                ALTER TABLE t ALTER COLUMN c SET NOT NULL;
                --changeset alice:2 runInTransaction:false
                CREATE INDEX CONCURRENTLY i ON t (c);
                --changeset bob:3
                ALTER TABLE t ALTER COLUMN c SET NOT NULL;
                """;
        List<TransactionTracker.Changeset> sets = TransactionTracker.changesets(file);
        assertEquals(3, sets.size());
        assertFalse(sets.get(1).runInTransaction());
        List<TxContext> c = TransactionTracker.contexts(Runner.LIQUIBASE, new TransactionTracker.FileHints(false, sets),
                List.of(ddl(3), concurrently(5), ddl(7)));
        assertTrue(c.get(0).inTransaction());
        assertFalse(c.get(1).inTransaction());
        assertTrue(c.get(2).inTransaction());
        assertNotEquals(c.get(0).blockId(), c.get(2).blockId());
    }

    @Test
    void sqlxAndDieselCanOptOut() {
        assertFalse(TransactionTracker.contexts(Runner.SQLX, new TransactionTracker.FileHints(true, List.of()), List.of(ddl(1))).get(0).inTransaction());
        assertTrue(TransactionTracker.contexts(Runner.DIESEL, TransactionTracker.FileHints.NONE, List.of(ddl(1))).get(0).inTransaction());
    }

    @Test
    void detectsRunnersFromLayout() {
        assertEquals(Runner.FLYWAY, RunnerDetector.detect(Path.of("db/V1_2__add.sql"), null));
        assertEquals(Runner.GOLANG_MIGRATE, RunnerDetector.detect(Path.of("m/0003_add.up.sql"), null));
        assertEquals(Runner.PRISMA, RunnerDetector.detect(Path.of("prisma/migrations/20240101120000_init/migration.sql"), null));
        assertEquals(Runner.DIESEL, RunnerDetector.detect(Path.of("migrations/2019-03-22-170700_remove/up.sql"), null));
        assertEquals(Runner.LIQUIBASE, RunnerDetector.detect(Path.of("changes.sql"), "-- liquibase formatted sql"));
        assertEquals(Runner.SQLX, RunnerDetector.detect(Path.of("20240101_x.sql"), "-- no-transaction"));
        assertEquals(Runner.PLAIN, RunnerDetector.detect(Path.of("schema.sql"), "CREATE TABLE t (id int);"));
        assertTrue(RunnerDetector.isDown(Path.of("0003_add.down.sql")));
        assertTrue(RunnerDetector.isDown(Path.of("x/down.sql")));
        assertTrue(RunnerDetector.isDown(Path.of("U2__undo.sql")));
    }
}
