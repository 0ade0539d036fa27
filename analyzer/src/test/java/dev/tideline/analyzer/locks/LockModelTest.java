package dev.tideline.analyzer.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.PgVersion;
import dev.tideline.analyzer.model.IndexElement;
import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.LockEffect;
import dev.tideline.analyzer.model.LockMode;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableLock;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.model.Volatility;
import dev.tideline.analyzer.schema.SchemaReplay;
import dev.tideline.analyzer.schema.SchemaView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model claims that need no server (real servers check the rest: dev.tideline.trace.conformance). */
class LockModelTest {
    private static final PgVersion V16 = new PgVersion(16);
    private static final TableRef USERS = TableRef.of("users");
    private static final TableRef ORDERS = TableRef.of("orders");

    static ColumnDef col(String name, String type) {
        return new ColumnDef(name, type, false, null, Volatility.NONE, ColumnDef.Generated.NONE, List.of());
    }

    private static SchemaView schema(Operation... ops) {
        SchemaReplay replay = new SchemaReplay();
        for (Operation op : ops) replay.apply(op);
        replay.startUnit();
        return replay.snapshot();
    }

    private static Operation.CreateTable table(TableRef ref, ColumnDef... columns) {
        return new Operation.CreateTable(ref, List.of(columns), List.of(), false, false, false, false, null, false);
    }

    private static LockMode mode(LockEffect e, TableRef t) {
        return e.locks().stream().filter(l -> l.table().sameAs(t)).map(TableLock::mode).findFirst().orElse(null);
    }

    @Test
    void everyOperationKindHasARule() {
        // LockModel refuses to initialise when a permitted Operation record lacks a rule
        LockEffect e = LockModel.effect(new Operation.Unrecognized("x"), schema(), V16);
        assertNotNull(e.note(), "an unrecognised statement must say its locks are unknown");
    }

    @Test
    void volatileDefaultRewritesConstantDoesNot() {
        ColumnDef random = new ColumnDef("r", "float8", false, "random()", Volatility.VOLATILE, ColumnDef.Generated.NONE, List.of());
        ColumnDef constant = new ColumnDef("f", "boolean", true, "false", Volatility.IMMUTABLE, ColumnDef.Generated.NONE, List.of());
        assertTrue(LockModel.effect(new Operation.AddColumn(USERS, random, false), schema(), V16).rewrite());
        LockEffect c = LockModel.effect(new Operation.AddColumn(USERS, constant, false), schema(), V16);
        assertFalse(c.rewrite());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, mode(c, USERS));
    }

    @Test
    void alterTypeUsesOldTypeFromSchema() {
        SchemaView s = schema(table(USERS, col("name", "varchar(20)"), col("n", "integer")));
        assertFalse(LockModel.effect(new Operation.AlterColumnType(USERS, "name", "varchar(40)", null), s, V16).rewrite());
        assertTrue(LockModel.effect(new Operation.AlterColumnType(USERS, "n", "bigint", null), s, V16).rewrite());
        LockEffect unknown = LockModel.effect(new Operation.AlterColumnType(ORDERS, "x", "text", null), s, V16);
        assertTrue(unknown.rewrite());
        assertTrue(unknown.note().contains("unknown"));
    }

    @Test
    void foreignKeyLocksBothTables() {
        ConstraintDef fk = new ConstraintDef("fk", ConstraintDef.Kind.FOREIGN_KEY, List.of("user_id"), USERS, List.of("id"), null, false, null, "");
        LockEffect e = LockModel.effect(new Operation.AddConstraint(ORDERS, fk), schema(), V16);
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, mode(e, ORDERS));
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, mode(e, USERS));
        assertTrue(e.locks().stream().anyMatch(l -> l.table().sameAs(USERS) && l.referenced()));
        assertTrue(e.scan());
    }

    @Test
    void validateForeignKeyTakesRowShareOnReferencedTable() {
        ConstraintDef fk = new ConstraintDef("fk", ConstraintDef.Kind.FOREIGN_KEY, List.of("user_id"), USERS, List.of("id"), null, true, null, "");
        SchemaView s = schema(table(USERS, col("id", "int")), table(ORDERS, col("user_id", "int")), new Operation.AddConstraint(ORDERS, fk));
        LockEffect e = LockModel.effect(new Operation.ValidateConstraint(ORDERS, "fk"), s, V16);
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, mode(e, ORDERS));
        assertEquals(LockMode.ROW_SHARE, mode(e, USERS));
    }

    @Test
    void setNotNullSkipsScanWhenAValidCheckProvesIt() {
        ConstraintDef check = new ConstraintDef("nn", ConstraintDef.Kind.CHECK, List.of(), null, List.of(), "email IS NOT NULL", false, null, "");
        ConstraintDef notValid = new ConstraintDef("nn", ConstraintDef.Kind.CHECK, List.of(), null, List.of(), "email IS NOT NULL", true, null, "");
        Operation create = table(USERS, col("email", "text"));
        Operation setNotNull = new Operation.SetNotNull(USERS, "email");
        assertTrue(LockModel.effect(setNotNull, schema(create), V16).scan());
        assertTrue(LockModel.effect(setNotNull, schema(create, new Operation.AddConstraint(USERS, notValid)), V16).scan());
        assertFalse(LockModel.effect(setNotNull, schema(create, new Operation.AddConstraint(USERS, check)), V16).scan());
    }

    @Test
    void dropIndexFindsTheTableOrLocksTheIndexName() {
        Operation index = new Operation.CreateIndex("users_name_idx", USERS, List.of(IndexElement.of("name")), false, false, false, null, null, false, "");
        SchemaView s = schema(table(USERS, col("name", "text")), index);
        TableRef idx = TableRef.of("users_name_idx");
        LockEffect known = LockModel.effect(new Operation.DropIndex(List.of(idx), false, false, false), s, V16);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, mode(known, USERS));
        LockEffect concurrently = LockModel.effect(new Operation.DropIndex(List.of(idx), true, false, false), s, V16);
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, mode(concurrently, USERS));
        assertFalse(concurrently.transactional());
        LockEffect unknown = LockModel.effect(new Operation.DropIndex(List.of(TableRef.of("nope")), false, false, false), s, V16);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, unknown.strongest());
        assertTrue(unknown.note().contains("not in the replayed schema"));
    }

    @Test
    void detachConcurrentlyNeeds14() {
        Operation op = new Operation.DetachPartition(USERS, ORDERS, true, false);
        assertTrue(LockModel.effect(op, schema(), new PgVersion(13)).note().contains("14+"));
        LockEffect e = LockModel.effect(op, schema(), new PgVersion(14));
        assertFalse(e.transactional());
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, mode(e, USERS));
    }

    @Test
    void unknownStorageActionIsAssumedAccessExclusiveAndSaysSo() {
        LockEffect e = LockModel.effect(new Operation.AlterTableStorage(USERS, "SOMETHING NEW", null), schema(), V16);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, mode(e, USERS));
        assertTrue(e.note().contains("not modelled"));
    }

    @Test
    void doBlockCombinesItsStatements() {
        Operation inner = new Operation.CreateIndex("i", USERS, List.of(IndexElement.of("a")), false, false, false, null, null, false, "");
        Operation block = new Operation.DoBlock("plpgsql", List.of(new dev.tideline.analyzer.model.NestedStatement(2, 5, "CREATE INDEX i ON users (a)", List.of(inner))));
        LockEffect e = LockModel.effect(block, schema(), V16);
        assertEquals(LockMode.SHARE, mode(e, USERS));
        assertTrue(e.scan());
    }
}
