package dev.tideline.mysql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.tx.Runner;
import dev.tideline.mysql.servers.RunningServer;
import dev.tideline.mysql.servers.ScratchDatabase;
import dev.tideline.mysql.servers.ServerKind;
import dev.tideline.mysql.servers.Servers;
import dev.tideline.rules.plan.Phase;
import dev.tideline.rules.plan.Plan;
import dev.tideline.rules.plan.PlanLayout;
import dev.tideline.rules.plan.Release;
import dev.tideline.rules.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plans for MySQL and MariaDB, written and then applied on real servers: the explicit clauses are accepted, the
 * expand/backfill/contract releases end in the schema and rows the migration meant, and the clause the plan would
 * give a copying change is refused by the server (so the plan sends that change to a tool instead).
 */
class MySqlPlanTest {
    private static final String INIT = "CREATE TABLE users (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " email VARCHAR(100) NOT NULL, name VARCHAR(50), age INT, nick VARCHAR(20)) ENGINE=InnoDB;\n";
    private static final String CHANGES = "SET foreign_key_checks = 0;\n"
            + "ALTER TABLE users ADD COLUMN note VARCHAR(20) NULL;\n"
            + "ALTER TABLE users RENAME COLUMN email TO email_address;\n"
            + "CREATE INDEX users_name ON users (name);\n"
            + "ALTER TABLE users MODIFY age BIGINT;\n"
            + "ALTER TABLE users MODIFY name VARCHAR(50) NOT NULL DEFAULT 'x';\n"
            + "ALTER TABLE users DROP COLUMN nick;\n";

    @TempDir
    Path dir;

    private Path write() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), INIT);
        return Files.writeString(dir.resolve("V2__changes.sql"), CHANGES);
    }

    @Test
    void clausesAreVendorCorrect() throws IOException {
        Path changes = write();
        String mysql = allSql(PlanRun.plan("mysql", "8.0.31", dir, changes, PlanRun.SETTINGS));
        String mariadb = allSql(PlanRun.plan("mariadb", "10.11", dir, changes, PlanRun.SETTINGS));
        assertTrue(mysql.contains("ADD COLUMN note VARCHAR(20) NULL, ALGORITHM=INSTANT;"), mysql);
        assertFalse(mysql.matches("(?s).*ALGORITHM=INSTANT, LOCK=.*"), "MySQL refuses any LOCK with INSTANT (1221)");
        assertTrue(mariadb.contains("ADD COLUMN note VARCHAR(20) NULL, ALGORITHM=INSTANT, LOCK=NONE;"), mariadb);
        assertTrue(mysql.contains("CREATE INDEX users_name ON users (name) ALGORITHM=INPLACE LOCK=NONE;"), mysql);
        // the copying type change goes to a tool: gh-ost on MySQL, pt-online-schema-change on MariaDB 10.11
        assertTrue(mysql.contains("gh-ost --host=<host>") && mysql.contains("--alter='MODIFY age BIGINT'"), mysql);
        assertTrue(mariadb.contains("pt-online-schema-change --alter 'MODIFY age BIGINT'") && !mariadb.contains("gh-ost --"), mariadb);
        assertTrue(mysql.contains("SET SESSION lock_wait_timeout = 1;") && mysql.contains("DECLARE EXIT HANDLER FOR 1205"), mysql);
        // every step carries the file's session settings
        assertTrue(mysql.contains("SET foreign_key_checks = 0;\nSET SESSION lock_wait_timeout = 1;"), mysql);
    }

    @Test
    void onlineCopyOnMariaDb112AndLater() throws IOException {
        String sql = allSql(PlanRun.plan("mariadb", "11.4", dir, write(), PlanRun.SETTINGS));
        assertTrue(sql.contains("ALTER TABLE users MODIFY age BIGINT, ALGORITHM=COPY, LOCK=NONE;"), sql);
    }

    @Test
    void renameIsExpandBackfillContract() throws IOException {
        Plan plan = PlanRun.plan("mysql", "8.0.31", dir, write(), PlanRun.SETTINGS);
        assertEquals(4, plan.releases().size(), plan.toString());
        Release first = plan.releases().get(0);
        assertTrue(first.appChange().contains("Write both `email` and `email_address`"), first.appChange());
        assertTrue(first.steps().stream().anyMatch(s -> s.sql().contains("ADD COLUMN `email_address` varchar(100) NULL, ALGORITHM=INSTANT")));
        Step backfill = plan.releases().get(1).steps().stream().filter(s -> s.backfill() != null).findFirst().orElseThrow();
        assertEquals("`users`", backfill.backfill().table());
        assertEquals("`id`", backfill.backfill().keyColumn());
        // the old column goes last, after the release that stopped using it
        Release last = plan.releases().get(3);
        assertTrue(last.steps().stream().allMatch(s -> s.phase() == Phase.CONTRACT), last.toString());
        assertTrue(last.steps().stream().anyMatch(s -> s.sql().contains("DROP COLUMN `email`")), last.toString());
        assertTrue(plan.releases().stream().flatMap(r -> r.steps().stream()).noneMatch(s -> s.sql().contains("RENAME COLUMN")));
    }

    @Test
    void eachRunnerGetsProceduresInItsOwnTerms() throws IOException {
        Path changes = write();
        var engine = new dev.tideline.mysql.lint.MySqlEngine();
        var config = dev.tideline.rules.config.TidelineConfig.defaults();
        for (Runner runner : List.of(Runner.GOOSE, Runner.GOLANG_MIGRATE, Runner.FLYWAY)) {
            var request = new dev.tideline.rules.engine.LintRequest(config, List.of(dir), null,
                    new dev.tideline.rules.engine.Targeting(config, java.util.Set.of(changes.toRealPath())), true);
            Plan plan = engine.planner().orElseThrow().plan(engine.target("mysql", "8.0.31"), request, PlanRun.SETTINGS, runner).plan();
            String files = String.join("\n", PlanLayout.files(plan, runner, new PlanLayout.Start(null, List.of())).stream()
                    .map(PlanLayout.PlanFile::content).toList());
            switch (runner) {
                case GOOSE -> assertTrue(files.contains("-- +goose StatementBegin\nCREATE PROCEDURE") && !files.contains("DELIMITER"), files);
                case GOLANG_MIGRATE -> assertTrue(files.contains("\nCREATE PROCEDURE") && !files.contains("DELIMITER")
                        && !files.contains("+goose"), files);
                default -> assertTrue(files.contains("DELIMITER $$\nCREATE PROCEDURE"), files);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"MARIADB_SYSTEM", "MYSQL_8_0_31"})
    void planAppliesOnTheServer(ServerKind kind) throws Exception {
        RunningServer server = Servers.get(kind);
        Path changes = write();
        Plan plan = PlanRun.plan(server.isMariaDb() ? "mariadb" : "mysql", server.isMariaDb() ? "10.11" : "8.0.31", dir,
                changes, PlanRun.SETTINGS);
        try (ScratchDatabase db = server.scratchDatabase(); Connection c = db.connect()) {
            PlanRun.run(c, INIT, server.isMariaDb());
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO users (email, name, age) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                        + " WHERE i < 900) SELECT CONCAT('u', i, '@x'), IF(i % 3 = 0, NULL, 'n'), i FROM n");
            }
            List<String> tools = new ArrayList<>();
            for (PlanLayout.PlanFile f : PlanRun.files(plan)) {
                if (f.content().contains("-- Not SQL: run this command")) {
                    tools.add(f.path());
                    continue;
                }
                PlanRun.run(c, f.content(), server.isMariaDb());
            }
            assertEquals(1, tools.size(), "the type change alone needs a tool: " + tools);
            try (Statement st = c.createStatement()) {
                // the renamed column was added by the expand step: it comes last
                assertEquals("id,name,age,note,email_address", columns(st));
                assertEquals(0, count(st, "SELECT COUNT(*) FROM users WHERE email_address IS NULL OR email_address NOT LIKE 'u%@x'"));
                assertEquals(300, count(st, "SELECT COUNT(*) FROM users WHERE name = 'x'"));
                assertEquals("NO", one(st, "SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'users' AND COLUMN_NAME = 'name'"));
                assertEquals("NO", one(st, "SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'users' AND COLUMN_NAME = 'email_address'"));
                assertEquals(1, count(st, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND INDEX_NAME = 'users_name'"));
                assertEquals(0, count(st, "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"),
                        "every procedure a step made is dropped");
                // the server is the oracle: the online clause refuses the copying change the plan sent to a tool
                SQLException refused = assertThrows(SQLException.class,
                        () -> st.execute("ALTER TABLE users MODIFY age BIGINT, ALGORITHM=INPLACE, LOCK=NONE"));
                assertTrue(List.of(1845, 1846).contains(refused.getErrorCode()), refused.getErrorCode() + " " + refused.getMessage());
            }
        }
    }

    private static String allSql(Plan plan) {
        return String.join("\n", plan.releases().stream().flatMap(r -> r.steps().stream()).map(Step::sql).toList());
    }

    private static String columns(Statement st) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'users' ORDER BY ORDINAL_POSITION")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return String.join(",", names);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
