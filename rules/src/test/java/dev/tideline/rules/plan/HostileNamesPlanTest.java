package dev.tideline.rules.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tideline.analyzer.Analysis;
import dev.tideline.analyzer.Analyzer;
import dev.tideline.analyzer.AnalyzerOptions;
import dev.tideline.analyzer.tx.Runner;
import dev.tideline.rules.LintResult;
import dev.tideline.rules.Linter;
import dev.tideline.rules.config.TidelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and text of a migration keep their meaning in the generated files: a name with a line break stays in its
 * comment, keyword names are quoted, a % in a name is not a RAISE placeholder, a name holding the dollar tag does
 * not end the block, and a multi-line literal is not re-indented. Every file is applied to PostgreSQL 15.
 */
class HostileNamesPlanTest {
    static final String BREAKOUT = "t\nDROP TABLE victims; --";

    static final String BASE = """
            CREATE TABLE victims (id int);
            CREATE TABLE "left" (id serial PRIMARY KEY, "50%" text, "order" int);
            CREATE TABLE "t
            DROP TABLE victims; --" (id serial PRIMARY KEY, v int);
            INSERT INTO "left" ("50%", "order") SELECT 'v' || g, g FROM generate_series(1, 50) g;
            INSERT INTO "t
            DROP TABLE victims; --" (v) SELECT g FROM generate_series(1, 50) g;
            """;

    static final String CHANGE = """
            ALTER TABLE "left" ADD COLUMN tag text NOT NULL DEFAULT 'first
                second';
            ALTER TABLE "left" ADD COLUMN "$tideline$" int NOT NULL DEFAULT 7;
            ALTER TABLE "left" ALTER COLUMN "50%" TYPE varchar(20);
            ALTER TABLE "t
            DROP TABLE victims; --" ADD COLUMN w int NOT NULL DEFAULT 1;
            """;

    @TempDir
    Path dir;

    @Test
    void generatedFilesMeanWhatTheMigrationMeant() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("V1__base.sql"), BASE);
        Files.writeString(src.resolve("V2__change.sql"), CHANGE);
        Analysis analysis = new Analyzer(new AnalyzerOptions(PlanKindsTest.PG, null, Map.of()))
                .analyze(List.of(src.resolve("V2__change.sql")));
        LintResult lint = new Linter(TidelineConfig.defaults()).lint(analysis);
        Plan plan = new Planner(PlanKindsTest.OPTIONS).plan(lint);
        String db = "tideline_plan_hostile_" + UUID.randomUUID().toString().replace("-", "");
        try (PlanKindsTest.ScratchDb scratch = PlanKindsTest.ScratchDb.create(db)) {
            try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
                st.execute(BASE);
            }
            for (PlanLayout.PlanFile pf : PlanLayout.files(plan, Runner.PLAIN, PlanLayout.Start.of(null, List.of()))) {
                if (pf.step() == null) continue;
                try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
                    st.execute(pf.content());
                } catch (SQLException e) {
                    fail(pf.path() + " failed: " + e.getMessage() + "\n" + pf.content());
                }
            }
            try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
                assertEquals("1", one(st, "SELECT count(*) FROM pg_class WHERE relname = 'victims'"),
                        "a name's line break ended a comment and ran the rest of the name as SQL");
                assertEquals("50", one(st, "SELECT count(*) FROM \"left\" WHERE tag = E'first\\n    second'"),
                        "the multi-line default was re-indented: " + one(st, "SELECT min(tag) FROM \"left\""));
                assertEquals("350", one(st, "SELECT sum(\"$tideline$\") FROM \"left\""));
                assertEquals("character varying", one(st, "SELECT data_type FROM information_schema.columns"
                        + " WHERE table_name = 'left' AND column_name = '50%'"));
                assertEquals("50", one(st, "SELECT count(*) FROM \"left\" WHERE \"50%\" = 'v' || \"order\""));
                assertEquals("50", one(st, "SELECT sum(w) FROM \"" + BREAKOUT + "\""));
            }
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
