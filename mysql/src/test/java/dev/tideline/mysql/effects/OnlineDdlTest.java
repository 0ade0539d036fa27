package dev.tideline.mysql.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.mysql.MySqlVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Predictions that need the schema replay: facts learnt from earlier statements change the answer. */
class OnlineDdlTest {
    private static final MySqlVersion MYSQL_8031 = MySqlVersion.parse("8.0.31", MySqlVersion.Flavour.MYSQL);
    private static final MySqlVersion MYSQL_9 = MySqlVersion.parse("9.1.0", MySqlVersion.Flavour.MYSQL);
    private static final MySqlVersion MARIADB_1011 = MySqlVersion.parse("10.11.5", MySqlVersion.Flavour.MARIADB);
    private static final String TABLE = "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(50)) DEFAULT CHARSET=latin1;";

    @Test
    void theSixtyFifthInstantColumnChangeIsRefusedUntilARebuild() {
        StringBuilder setup = new StringBuilder(TABLE);
        for (int i = 0; i < 32; i++) setup.append("ALTER TABLE t ADD COLUMN c").append(i).append(" INT; ALTER TABLE t DROP COLUMN c")
                .append(i).append(";");
        Prediction atLimit = OnlineDdl.predict(setup.toString(), "ALTER TABLE t ADD COLUMN x INT", MYSQL_8031);
        assertEquals(new Outcome.Refused(Set.of(4092), "instant row versions used up: rebuild the table first"),
                atLimit.outcome(Clause.of(Algorithm.INSTANT, null)));
        assertEquals(Algorithm.INPLACE, atLimit.effect().algorithm());
        assertTrue(atLimit.effect().rebuild());
        Prediction afterForce = OnlineDdl.predict(setup + "ALTER TABLE t FORCE;", "ALTER TABLE t ADD COLUMN x INT", MYSQL_8031);
        assertEquals(Algorithm.INSTANT, afterForce.effect().algorithm());
        assertEquals(Algorithm.INSTANT, OnlineDdl.predict(setup.toString(), "ALTER TABLE t ADD COLUMN x INT", MYSQL_9)
                .effect().algorithm());
        assertEquals(Algorithm.INSTANT, OnlineDdl.predict(setup.toString(), "ALTER TABLE t ADD COLUMN x INT", MARIADB_1011)
                .effect().algorithm());
    }

    @Test
    void varcharExtensionDependsOnTheCharsetLearntFromCreateTable() {
        // latin1 from the table default: 50 → 255 bytes keeps one length byte; 256 needs two
        Prediction within = OnlineDdl.predict(TABLE, "ALTER TABLE t MODIFY name VARCHAR(255)", MYSQL_8031);
        assertEquals(List.of(DdlKind.EXTEND_VARCHAR), within.kinds());
        assertEquals(Algorithm.INPLACE, within.effect().algorithm());
        assertFalse(within.effect().rebuild());
        Prediction across = OnlineDdl.predict(TABLE, "ALTER TABLE t MODIFY name VARCHAR(256)", MYSQL_8031);
        assertEquals(Algorithm.COPY, across.effect().algorithm());
        assertEquals(LockLevel.SHARED, across.effect().lock());
        assertEquals(Algorithm.INSTANT, OnlineDdl.predict(TABLE, "ALTER TABLE t MODIFY name VARCHAR(256)", MARIADB_1011)
                .effect().algorithm());
    }

    @Test
    void foreignKeyChecksInTheSessionDecideBetweenCopyAndInPlace() {
        String setup = TABLE + "CREATE TABLE c (id INT PRIMARY KEY, t_id INT);";
        String fk = "ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (t_id) REFERENCES t (id)";
        Prediction checked = OnlineDdl.predict(setup, fk, MYSQL_8031);
        assertEquals(Algorithm.COPY, checked.effect().algorithm());
        assertTrue(checked.effect().dataDependent());
        Prediction unchecked = OnlineDdl.predict(setup + "SET foreign_key_checks = 0;", fk, MYSQL_8031);
        assertEquals(Algorithm.INPLACE, unchecked.effect().algorithm());
        assertEquals(Algorithm.NOCOPY, OnlineDdl.predict(setup + "SET foreign_key_checks = 0;", fk, MARIADB_1011)
                .effect().algorithm());
    }

    @Test
    void explicitClausesFollowEachVendorsRules() {
        Prediction add = OnlineDdl.predict(TABLE, "ALTER TABLE t ADD COLUMN x INT", MYSQL_8031);
        assertEquals(new Outcome.Runs(Algorithm.INPLACE, true), add.outcome(Clause.of(Algorithm.INPLACE, LockLevel.NONE)));
        assertEquals(Set.of(1221), ((Outcome.Refused) add.outcome(Clause.of(Algorithm.INSTANT, LockLevel.NONE))).errnos());
        Prediction maria = OnlineDdl.predict(TABLE, "ALTER TABLE t ADD COLUMN x INT", MARIADB_1011);
        assertEquals(new Outcome.Runs(Algorithm.INSTANT, false), maria.outcome(Clause.of(Algorithm.INPLACE, LockLevel.NONE)));
        // a LOCK clause alone does not stop an instant change (verified on 8.0.31 and 8.0.15) …
        assertEquals(new Outcome.Runs(Algorithm.INSTANT, false), add.outcome(Clause.of(null, LockLevel.SHARED)));
        // … and a rename, instant only under an exclusive lock, is refused rather than copied
        Prediction rename = OnlineDdl.predict(TABLE, "ALTER TABLE t RENAME TO t2", MYSQL_8031);
        assertTrue(rename.outcome(Clause.of(null, LockLevel.SHARED)) instanceof Outcome.Refused);
        assertEquals(new Outcome.Runs(Algorithm.COPY, true), rename.outcome(Clause.of(Algorithm.COPY, LockLevel.SHARED)));
        Prediction written = OnlineDdl.predict(TABLE, "ALTER TABLE t ADD INDEX i (name), ALGORITHM=INPLACE, LOCK=SHARED", MYSQL_8031);
        assertEquals(LockLevel.SHARED, written.effect().lock());
        assertTrue(written.effect().exclusiveMdl());
        assertTrue(written.effect().implicitCommit());
    }

    @Test
    void aStatementTheModelDoesNotClassifyIsUnmodelled() {
        assertEquals(List.of(DdlKind.UNMODELLED), OnlineDdl.predict(TABLE, "INSERT INTO t VALUES (1, 'a')", MYSQL_8031).kinds());
    }
}
