package dev.tideline.analyzer.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.model.ColumnDef;
import dev.tideline.analyzer.model.ConstraintDef;
import dev.tideline.analyzer.model.Operation;
import dev.tideline.analyzer.model.TableRef;
import dev.tideline.analyzer.model.Volatility;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaReplayTest {
    private static final TableRef USERS = TableRef.of("users");

    private static ColumnDef col(String name, String type, ConstraintDef... inline) {
        return new ColumnDef(name, type, false, null, Volatility.NONE, ColumnDef.Generated.NONE, List.of(inline));
    }

    private static Operation.CreateTable createUsers() {
        ConstraintDef pk = new ConstraintDef(null, ConstraintDef.Kind.PRIMARY_KEY, List.of(), null, List.of(), null, false, null, "");
        return new Operation.CreateTable(USERS, List.of(col("id", "serial", pk), col("email", "varchar(50)")), List.of(),
                false, false, false, false, null, false);
    }

    @Test
    void snapshotsAreImmutableAndShareUnchangedState() {
        SchemaReplay replay = new SchemaReplay();
        SchemaView empty = replay.snapshot();
        replay.apply(createUsers());
        SchemaView created = replay.snapshot();
        replay.apply(new Operation.AlterColumnType(USERS, "email", "text", null));
        SchemaView altered = replay.snapshot();
        replay.apply(new Operation.Dml(Operation.DmlKind.INSERT, USERS, false));
        assertSame(altered, replay.snapshot(), "a statement that changes nothing must not copy the schema");
        assertFalse(empty.exists(USERS));
        assertEquals("varchar(50)", created.table(USERS).orElseThrow().columns().get("email").type());
        assertEquals("text", altered.table(USERS).orElseThrow().columns().get("email").type());
    }

    @Test
    void ownersAndSchemaMovesAreFollowed() {
        SchemaReplay replay = new SchemaReplay();
        replay.apply(createUsers());
        replay.apply(new Operation.AlterTableStorage(USERS, "OWNER TO", "importer"));
        replay.apply(new Operation.SetSchema("TABLE", USERS, "archive"));
        TableRef moved = new TableRef("archive", "users");
        SchemaView after = replay.snapshot();
        assertFalse(after.exists(USERS));
        assertEquals(java.util.Optional.of("importer"), after.owner(moved), "the owner moves with the table");
        assertTrue(after.index(new TableRef("archive", "users_pkey")).isPresent(), "indexes follow their table's schema");
        replay.apply(new Operation.ObjectChange("REASSIGN", "OWNED BY", "importer", null));
        assertEquals(java.util.Optional.empty(), replay.snapshot().owner(moved));
        replay.apply(new Operation.AlterTableStorage(moved, "OWNER TO", "importer"));
        replay.apply(new Operation.DropOwned(List.of("importer"), false));
        assertFalse(replay.snapshot().exists(moved), "DROP OWNED drops the role's tables");
    }

    @Test
    void serialPrimaryKeyIsNotNullWithGeneratedIndexName() {
        SchemaReplay replay = new SchemaReplay();
        replay.apply(createUsers());
        SchemaView s = replay.snapshot();
        TableModel users = s.table(TableRef.of("users")).orElseThrow();
        assertEquals("integer", users.columns().get("id").type());
        assertTrue(users.columns().get("id").notNull());
        assertEquals(USERS, s.index(TableRef.of("users_pkey")).orElseThrow().table());
        assertTrue(s.table(new TableRef("public", "users")).isPresent(), "unqualified means public");
    }

    @Test
    void isNewOnlyWithinTheFileThatCreatedTheTable() {
        SchemaReplay replay = new SchemaReplay();
        replay.startUnit();
        replay.apply(createUsers());
        assertTrue(replay.snapshot().isNew(USERS));
        replay.startUnit();
        assertFalse(replay.snapshot().isNew(USERS));
        assertTrue(replay.snapshot().exists(USERS));
    }

    @Test
    void constraintsTrackValidationAndRenamesFollowThrough() {
        SchemaReplay replay = new SchemaReplay();
        replay.apply(createUsers());
        ConstraintDef check = new ConstraintDef("email_nn", ConstraintDef.Kind.CHECK, List.of(), null, List.of(), "email IS NOT NULL", true, null, "");
        replay.apply(new Operation.AddConstraint(USERS, check));
        assertTrue(replay.snapshot().table(USERS).orElseThrow().constraints().stream().anyMatch(c -> c.name().equals("email_nn") && c.notValid()));
        replay.apply(new Operation.ValidateConstraint(USERS, "email_nn"));
        assertTrue(replay.snapshot().table(USERS).orElseThrow().constraints().stream().anyMatch(c -> c.name().equals("email_nn") && !c.notValid()));
        replay.apply(new Operation.RenameTable(USERS, "accounts"));
        SchemaView s = replay.snapshot();
        assertFalse(s.exists(USERS));
        assertEquals(TableRef.of("accounts").name(), s.index(TableRef.of("users_pkey")).orElseThrow().table().name());
        replay.apply(new Operation.DropTable(List.of(TableRef.of("accounts")), false, false));
        assertTrue(replay.snapshot().index(TableRef.of("users_pkey")).isEmpty());
    }

    @Test
    void enumsCollectValues() {
        SchemaReplay replay = new SchemaReplay();
        TableRef mood = TableRef.of("mood");
        replay.apply(new Operation.CreateEnum(mood, List.of("sad")));
        replay.apply(new Operation.AlterEnumAddValue(mood, "happy", false));
        assertEquals(List.of("sad", "happy"), replay.snapshot().enumValues(mood).orElseThrow());
    }
}
