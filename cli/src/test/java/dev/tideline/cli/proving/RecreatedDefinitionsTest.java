package dev.tideline.cli.proving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.Finding;
import dev.tideline.rules.Linter;
import dev.tideline.rules.config.TidelineConfig;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a plan re-creates is what the migration meant: foreign keys keep MATCH, ON DELETE, ON UPDATE and their
 * timing (ente's 25_alter_ids_to_bigint lost ON DELETE CASCADE), indexes keep their order, collation, operator
 * class, INCLUDE and predicate. The plan runs on one database, the migration on its twin; the catalogs must agree.
 */
class RecreatedDefinitionsTest {
    static final String SCHEMA = """
            CREATE TABLE parents (id integer PRIMARY KEY, code text);
            CREATE TABLE children (
                id serial PRIMARY KEY,
                parent_id integer REFERENCES parents (id) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
                name text,
                tag text
            );
            CREATE TABLE notes (
                id serial PRIMARY KEY,
                parent_id integer,
                child_id integer,
                CONSTRAINT notes_parent_fkey FOREIGN KEY (parent_id) REFERENCES parents ON DELETE SET NULL NOT DEFERRABLE
            );
            CREATE INDEX children_parent_name_idx ON children (parent_id DESC NULLS LAST, name COLLATE "C" text_pattern_ops)
                WHERE tag IS NOT NULL;
            CREATE INDEX notes_child_id_idx ON notes (child_id);
            """;
    static final String ROWS = """
            INSERT INTO parents SELECT g, 'p' || g FROM generate_series(1, 300) g;
            INSERT INTO children (parent_id, name, tag) SELECT 1 + g % 300, 'c' || g, CASE WHEN g % 3 = 0 THEN 't' END
              FROM generate_series(1, 900) g;
            INSERT INTO notes (parent_id, child_id) SELECT 1 + g % 300, 1 + g % 900 FROM generate_series(1, 600) g;
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // the referencing foreign keys are re-pointed in the swap
            "ALTER TABLE parents ALTER COLUMN id TYPE bigint;",
            // the column's own foreign key and its index are re-created on the new column
            "ALTER TABLE children ALTER COLUMN parent_id TYPE bigint;",
            "CREATE INDEX children_name_idx ON children (\"name\" DESC NULLS FIRST, lower(tag) COLLATE \"C\") INCLUDE (tag)"
                    + " WHERE tag <> 'x';",
            "ALTER TABLE notes ADD CONSTRAINT notes_child_fkey FOREIGN KEY (child_id) REFERENCES children (id)"
                    + " MATCH SIMPLE ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY IMMEDIATE;",
            // hoppscotch's order_index_unique_constraint: a deferrable unique key attached USING INDEX stays deferrable
            "ALTER TABLE notes ADD CONSTRAINT notes_parent_child_key UNIQUE (parent_id, child_id) DEFERRABLE INITIALLY DEFERRED;"})
    void thePlanEndsWithTheDefinitionsTheMigrationWrote(String change) throws Exception {
        Plan plan = plan(change);
        assertFalse(plan.isEmpty(), "no plan: " + plan.notes());
        try (TwinDatabases dbs = new TwinDatabases("recreated")) {
            dbs.both(SCHEMA);
            dbs.both(ROWS);
            try (Connection c = TwinDatabases.connect(dbs.planned, "plans-plan")) {
                for (Release r : plan.releases()) for (Step s : r.steps()) PlanApply.run(c, s);
            }
            try (Connection c = TwinDatabases.connect(dbs.original, "plans-migration"); Statement st = c.createStatement()) {
                st.execute(change);
            }
            assertEquals(List.of(), snapshot(dbs.planned).differences(snapshot(dbs.original)), change);
        }
    }

    /** The lint fix for a validating foreign key is the same constraint, actions and timing included. */
    @Test
    void theForeignKeyFixKeepsActionsAndTiming() throws Exception {
        String change = "ALTER TABLE notes ADD CONSTRAINT notes_child_fkey FOREIGN KEY (child_id) REFERENCES children (id)"
                + " MATCH FULL ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;";
        Finding finding = lint(change).stream().filter(f -> f.rule().equals("add-foreign-key-validating")).findFirst().orElseThrow();
        try (TwinDatabases dbs = new TwinDatabases("fkfix")) {
            dbs.both(SCHEMA);
            try (Connection c = TwinDatabases.connect(dbs.planned, "plans-fix"); Statement st = c.createStatement()) {
                st.execute(finding.fix());
            }
            try (Connection c = TwinDatabases.connect(dbs.original, "plans-migration"); Statement st = c.createStatement()) {
                st.execute(change);
            }
            assertEquals(List.of(), snapshot(dbs.planned).differences(snapshot(dbs.original)), finding.fix());
        }
    }

    private Plan plan(String change) throws Exception {
        Files.writeString(dir.resolve("V1__schema.sql"), SCHEMA);
        return PlanApply.plan(Files.writeString(dir.resolve("V2__change.sql"), change + "\n"), Runner.FLYWAY);
    }

    private List<Finding> lint(String change) throws Exception {
        Files.writeString(dir.resolve("V1__schema.sql"), SCHEMA);
        Path file = Files.writeString(dir.resolve("V2__change.sql"), change + "\n");
        TidelineConfig config = TidelineConfig.defaults().withPgVersion(PlanApply.PG).withRunner(Runner.FLYWAY);
        return new Linter(config).lint(new Analyzer(config.analyzerOptions()).analyze(List.of(file))).findings();
    }

    private static SchemaSnapshot snapshot(String db) throws Exception {
        try (Connection c = TwinDatabases.connect(db, "plans-snapshot")) {
            return SchemaSnapshot.of(c);
        }
    }
}
